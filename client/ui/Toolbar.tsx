/** A toolbar button: a text label (clear for everyone), shortcut in the tooltip, toggle state. */
export interface ToolbarButtonProps {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
}

export function ToolbarButton({ label, shortcut, pressed, disabled = false, onClick }: ToolbarButtonProps) {
  return (
    <button
      type="button"
      className="toolbar__button"
      // aria-pressed only for toggles; plain actions (undo) must not announce a state.
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut?.replace('Ctrl', 'Control')}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      // Keep the editor's selection: a mousedown on the button would otherwise blur it first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {label}
    </button>
  );
}
