import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { baseExtensions, richTextField } from '../../shared/editor/extensions.ts';
import { t } from '../ui/i18n/nl.ts';
import { renderCaret } from './caret.ts';
import { EmptyPlaceholder } from './placeholder.ts';
import { EditorToolbar } from './Toolbar.tsx';

export interface RichTextEditorProps {
  /** The shared document; the editor reads and writes its XML fragment `field`. */
  doc: Y.Doc;
  /** Presence channel for carets. The editor never opens connections itself. */
  awareness: Awareness;
  user: { name: string; color: string };
  field?: string;
  editable?: boolean;
  /** id of the element that labels the editor (a visible heading). */
  labelledBy?: string;
}

export function RichTextEditor({ doc, awareness, user, field = richTextField, editable = true, labelledBy }: RichTextEditorProps) {
  const editor = useEditor(
    {
      extensions: [
        ...baseExtensions(),
        Collaboration.configure({ document: doc, field }),
        // CollaborationCaret only needs `.awareness` from a provider; handing it just that keeps
        // the editor free of networking.
        CollaborationCaret.configure({ provider: { awareness }, user, render: renderCaret }),
        EmptyPlaceholder.configure({ text: t('editor.placeholder') }),
      ],
      editable,
      editorProps: {
        attributes: {
          class: 'editor__prose',
          'data-testid': 'editor',
          'aria-multiline': 'true',
          ...(labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': t('editor.label') }),
        },
      },
    },
    // A new document or presence channel needs a new editor; name changes travel through
    // awareness instead and must not rebuild the editor (that would drop the undo history).
    [doc, awareness, field],
  );

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <div className="editor">
      <EditorToolbar editor={editor} disabled={!editable} />
      <EditorContent editor={editor} className="editor__content" />
    </div>
  );
}
