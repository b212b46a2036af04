/**
 * The client half of the fragment reference node: the same schema node as shared/ (so documents
 * stay compatible), drawn as a real button that plays the fragment. The attributes come from the
 * shared document, i.e. from any peer, so they are parsed and shown with textContent only.
 */
import { findTheme } from '../../shared/kijkwijzer/themes.ts';
import { FragmentRef, fragmentRefAttrs, fragmentRefText, type FragmentRefAttrs } from '../../shared/editor/extensions.ts';
import { t } from '../ui/i18n/nl.ts';

export interface FragmentRefViewOptions {
  /** Called when someone clicks (or presses Enter on) a reference. */
  onPlay: (ref: FragmentRefAttrs) => void;
  /** Its text; the room names the recording where that is needed (TIMECODE-1). */
  describe: (ref: FragmentRefAttrs) => string;
}

export const FragmentRefView = FragmentRef.extend<FragmentRefViewOptions>({
  addOptions() {
    return { onPlay: () => undefined, describe: fragmentRefText };
  },

  addNodeView() {
    return ({ node }) => {
      let attrs = fragmentRefAttrs(node.attrs);
      const dom = document.createElement('span');
      dom.className = 'fragment-ref';
      dom.contentEditable = 'false';
      dom.dataset.fragmentRef = '';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'fragment-ref__button';
      button.dataset.testid = 'fragment-ref';
      dom.append(button);
      const render = (): void => {
        button.textContent = this.options.describe(attrs);
        button.title = t('fragments.refTitle');
        button.dataset.start = String(attrs.start);
        button.dataset.end = String(attrs.end);
        const theme = attrs.theme === null ? undefined : findTheme(attrs.theme);
        button.style.borderColor = theme?.color ?? '';
      };
      render();
      button.addEventListener('click', (event) => {
        event.preventDefault();
        this.options.onPlay(attrs);
      });
      return {
        dom,
        // The button handles its own clicks and keys; ProseMirror must not turn them into edits.
        stopEvent: (event: Event) => event.target instanceof Node && button.contains(event.target),
        ignoreMutation: () => true,
        update: (updated) => {
          if (updated.type.name !== node.type.name) return false;
          attrs = fragmentRefAttrs(updated.attrs);
          render();
          return true;
        },
      };
    };
  },
});
