import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { useEffect, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { baseExtensions, fragmentRefName, fragmentRefText, richTextField, type FragmentRefAttrs } from '../../shared/editor/extensions.ts';
import { t } from '../ui/i18n/nl.ts';
import { renderCaret } from './caret.ts';
import { remoteCaretAwareness } from './remoteCarets.ts';
import { FragmentRefView } from './fragmentRef.ts';
import { EmptyPlaceholder } from './placeholder.ts';
import { EditorToolbar } from './Toolbar.tsx';
import { useCycleKind } from '../features/cycles/kind.ts';

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
  /** A fragment reference ("▶ 06:00–06:30 …") was clicked: play it. */
  onFragmentPlay?: (ref: FragmentRefAttrs) => void;
  /** The text of a fragment reference (default "▶ 06:00–06:30 label"). */
  describeFragment?: (ref: FragmentRefAttrs) => string;
  /** Hands out the editor (e.g. to insert fragment references from elsewhere); null on unmount. */
  onEditor?: (editor: Editor | null) => void;
}

export function RichTextEditor({ doc, awareness, user, field = richTextField, editable = true, labelledBy, onFragmentPlay, describeFragment, onEditor }: RichTextEditorProps) {
  // Callbacks change every render; the editor is built once per document, so it reads them here.
  const playRef = useRef(onFragmentPlay);
  const describeRef = useRef(describeFragment);
  useEffect(() => {
    playRef.current = onFragmentPlay;
    describeRef.current = describeFragment;
  });
  // The report's guide questions speak of the people in the cycle kind's words (KIND-3).
  const kind = useCycleKind();
  const editor = useEditor(
    {
      extensions: [
        // The shared schema, with the fragment reference drawn as a button that plays it.
        ...baseExtensions(kind).filter((e) => e.name !== fragmentRefName),
        FragmentRefView.configure({ onPlay: (ref) => playRef.current?.(ref), describe: (ref) => (describeRef.current ?? fragmentRefText)(ref) }),
        Collaboration.configure({ document: doc, field }),
        // CollaborationCaret only needs `.awareness` from a provider; handing it just that keeps
        // the editor free of networking.
        CollaborationCaret.configure({ provider: { awareness: remoteCaretAwareness(awareness) }, user, render: renderCaret }),
        EmptyPlaceholder.configure({ text: t('editor.placeholder') }),
      ],
      editable,
      editorProps: {
        attributes: {
          class: 'editor__prose',
          'data-testid': 'editor',
          // Tiptap sets role=textbox only when the view is created; its later setProps (every
          // render, and setEditable) replaces the attributes and drops it, which leaves
          // aria-multiline on a plain div (not allowed). Naming the role here keeps it.
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-readonly': editable ? 'false' : 'true',
          ...(labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': t('editor.label') }),
        },
      },
    },
    // A new document or presence channel needs a new editor; name changes travel through
    // awareness instead and must not rebuild the editor (that would drop the undo history).
    [doc, awareness, field, kind],
  );

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

  return (
    <div className="editor">
      <EditorToolbar editor={editor} disabled={!editable} />
      <EditorContent editor={editor} className="editor__content" />
    </div>
  );
}
