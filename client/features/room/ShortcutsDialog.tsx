/** "?": every keyboard shortcut of the room, in a native modal dialog (Esc closes it). */
import { useEffect, useRef } from 'react';
import { t, type MessageKey } from '../../ui/i18n/nl.ts';

const rows: [MessageKey, MessageKey][] = [
  ['shortcuts.key.space', 'shortcuts.do.playPause'],
  ['shortcuts.key.k', 'shortcuts.do.playPause'],
  ['shortcuts.key.j', 'shortcuts.do.back10'],
  ['shortcuts.key.l', 'shortcuts.do.forward10'],
  ['shortcuts.key.arrows', 'shortcuts.do.arrows'],
  ['shortcuts.key.frames', 'shortcuts.do.frames'],
  ['shortcuts.key.io', 'shortcuts.do.io'],
  ['shortcuts.key.m', 'shortcuts.do.m'],
  ['shortcuts.key.help', 'shortcuts.do.help'],
  ['shortcuts.key.escape', 'shortcuts.do.escape'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog shortcuts" aria-labelledby="shortcuts-heading" data-testid="shortcuts" onClose={onClose}>
      <h2 className="dialog__title" id="shortcuts-heading">{t('shortcuts.heading')}</h2>
      <dl className="shortcuts__list">
        {rows.map(([key, what]) => (
          <div key={key} className="shortcuts__row">
            <dt><kbd>{t(key)}</kbd></dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose} autoFocus>{t('shortcuts.close')}</button>
      </div>
    </dialog>
  );
}
