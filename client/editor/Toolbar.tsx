import { useEditorState, type Editor } from '@tiptap/react';
import { ToolbarButton } from '../ui/Toolbar.tsx';
import { t } from '../ui/i18n/nl.ts';

/**
 * Formatting buttons. Reads the editor through useEditorState so only the toolbar re-renders on
 * selection changes, not the whole page. Undo/redo are the Collaboration extension's: they
 * only undo this person's own changes, never someone else's typing.
 */
export function EditorToolbar({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      heading: e.isActive('heading', { level: 2 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <ToolbarButton
        label={t('editor.bold')}
        shortcut={t('editor.shortcutBold')}
        pressed={state.bold}
        disabled={disabled}
        onClick={() => editor.chain().focus().toggleBold().run()}
      />
      <ToolbarButton
        label={t('editor.italic')}
        shortcut={t('editor.shortcutItalic')}
        pressed={state.italic}
        disabled={disabled}
        onClick={() => editor.chain().focus().toggleItalic().run()}
      />
      <ToolbarButton
        label={t('editor.heading')}
        pressed={state.heading}
        disabled={disabled}
        onClick={() => editor.chain().focus().toggleHeading({ level: 2 }).run()}
      />
      <ToolbarButton
        label={t('editor.bulletList')}
        pressed={state.bulletList}
        disabled={disabled}
        onClick={() => editor.chain().focus().toggleBulletList().run()}
      />
      <ToolbarButton
        label={t('editor.orderedList')}
        pressed={state.orderedList}
        disabled={disabled}
        onClick={() => editor.chain().focus().toggleOrderedList().run()}
      />
      <span className="toolbar__separator" aria-hidden="true" />
      <ToolbarButton
        label={t('editor.undo')}
        shortcut={t('editor.shortcutUndo')}
        disabled={disabled || !state.canUndo}
        onClick={() => editor.chain().focus().undo().run()}
      />
      <ToolbarButton
        label={t('editor.redo')}
        shortcut={t('editor.shortcutRedo')}
        disabled={disabled || !state.canRedo}
        onClick={() => editor.chain().focus().redo().run()}
      />
    </div>
  );
}
