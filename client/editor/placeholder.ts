/**
 * Shows a hint in an empty editor. A tiny decoration plugin instead of another dependency: it
 * marks the single empty paragraph with a class and the hint text, and CSS draws the hint with
 * `content: attr(data-placeholder)` (so it is never part of the document or of the sync).
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export interface PlaceholderOptions {
  text: string;
}

export const EmptyPlaceholder = Extension.create<PlaceholderOptions>({
  name: 'emptyPlaceholder',

  addOptions() {
    return { text: '' };
  },

  addProseMirrorPlugins() {
    const text = this.options.text;
    return [
      new Plugin({
        key: new PluginKey('emptyPlaceholder'),
        props: {
          decorations: ({ doc }) => {
            const first = doc.firstChild;
            const isEmpty = doc.childCount === 1 && first !== null && first.isTextblock && first.content.size === 0;
            if (!isEmpty || first === null) return DecorationSet.empty;
            return DecorationSet.create(doc, [
              Decoration.node(0, first.nodeSize, { class: 'is-editor-empty', 'data-placeholder': text }),
            ]);
          },
        },
      }),
    ];
  },
});
