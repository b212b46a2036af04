/**
 * The one Tiptap extension list (and therefore the one ProseMirror schema) for rich text in
 * Kijkruimte. The browser editor uses it now; the server will use the same list to convert the
 * Yjs XML fragment to HTML/JSON for export, so both sides always agree on the node and mark names.
 *
 * Isomorphic on purpose: building extensions touches no DOM or Node APIs, only the editor view
 * (client only) does.
 */
import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

/** Name of the Y.XmlFragment that holds the rich text of a document. */
export const richTextField = 'report';

export function baseExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // The Collaboration extension brings a Yjs-aware undo manager (only undoes your own
      // changes); ProseMirror's history would fight it and undo other people's typing.
      undoRedo: false,
    }),
  ];
}
