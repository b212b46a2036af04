/**
 * The one Tiptap extension list (and therefore the one ProseMirror schema) for rich text in
 * Kijkruimte. The browser editor uses it now; the server will use the same list to convert the
 * Yjs XML fragment to HTML/JSON for export, so both sides always agree on the node and mark names.
 *
 * Isomorphic on purpose: building extensions touches no DOM or Node APIs, only the editor view
 * (client only) does.
 */
import { mergeAttributes, Node, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { formatRange } from '../domain/cycle-doc/fragments.ts';
import { SectionPrompts } from './prompts.ts';
import { fragmentRefName } from './names.ts';
import { defaultCycleKind, type CycleKind } from '../domain/cycle-kinds.ts';

/** Name of the Y.XmlFragment that holds the rich text of a document. */
export const richTextField = 'report';

/** A reference to a stretch of a recording inside the report: "▶ 06:00–06:30 echtheid". */
export interface FragmentRefAttrs {
  mediaId: string | null;
  start: number;
  end: number;
  label: string;
  theme: string | null;
}

export { fragmentRefName };

const maxLabel = 200;
const num = (value: unknown): number => {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : 0;
};
const str = (value: unknown, max: number): string | null => (typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null);

/** Attributes as they come out of a (peer-written, so untrusted) document node. */
export function fragmentRefAttrs(attrs: Record<string, unknown>): FragmentRefAttrs {
  const start = num(attrs.start);
  return {
    mediaId: str(attrs.mediaId, 64),
    start,
    end: Math.max(start, num(attrs.end)),
    label: str(attrs.label, maxLabel) ?? '',
    theme: str(attrs.theme, 64),
  };
}

/** The text a fragment reference shows (and exports as plain text). */
export function fragmentRefText(attrs: FragmentRefAttrs): string {
  const range = formatRange(attrs.start, attrs.end);
  return attrs.label ? `▶ ${range} ${attrs.label}` : `▶ ${range}`;
}

/**
 * Inline atom: it moves and deletes as one piece and is never edited from inside. Playing it is
 * the client's business (its node view), so this schema half stays DOM-free.
 */
export const FragmentRef = Node.create({
  name: fragmentRefName,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

  addAttributes() {
    const attr = (name: keyof FragmentRefAttrs, data: string, fallback: string | number | null, parse: (v: string | null) => unknown) => ({
      [name]: {
        default: fallback,
        parseHTML: (el: HTMLElement) => parse(el.getAttribute(data)),
        renderHTML: (attrs: Record<string, unknown>) => (attrs[name] === null ? {} : { [data]: String(attrs[name]) }),
      },
    });
    return {
      ...attr('mediaId', 'data-media-id', null, (v) => str(v, 64)),
      ...attr('start', 'data-start', 0, num),
      ...attr('end', 'data-end', 0, num),
      ...attr('label', 'data-label', '', (v) => str(v, maxLabel) ?? ''),
      ...attr('theme', 'data-theme', null, (v) => str(v, 64)),
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-fragment-ref]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { 'data-fragment-ref': '', class: 'fragment-ref' }), fragmentRefText(fragmentRefAttrs(node.attrs))];
  },

  renderText({ node }) {
    return fragmentRefText(fragmentRefAttrs(node.attrs));
  },
});

/** `kind`: the cycle's kind, whose words the report's guide questions use (KIND-3). */
export function baseExtensions(kind: CycleKind = defaultCycleKind): AnyExtension[] {
  return [
    StarterKit.configure({
      // The Collaboration extension brings a Yjs-aware undo manager (only undoes your own
      // changes); ProseMirror's history would fight it and undo other people's typing.
      undoRedo: false,
    }),
    FragmentRef,
    // The report template's guide questions: shown in empty sections, never part of the text.
    SectionPrompts.configure({ kind }),
  ];
}
