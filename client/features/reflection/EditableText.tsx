/**
 * A short text that can be changed in place ("Wijzigen" → field → Enter or "Opslaan"). The whole
 * text is written once on save, not per keystroke: items like an agenda point are short, and a
 * half-typed word should not appear on everyone's screen.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { t } from '../../ui/i18n/nl.ts';

export function EditableText({ value, label, canEdit, onSave, onDelete, testId = 'editable' }: {
  value: string;
  /** Accessible name of the field and of the buttons, e.g. "agendapunt". */
  label: string;
  canEdit: boolean;
  onSave: (text: string) => void;
  onDelete?: () => void;
  testId?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  if (draft === null) {
    return (
      <span className="editable">
        <span className="editable__text" data-testid={`${testId}-text`}>{value}</span>
        {canEdit && (
          <span className="editable__actions">
            <button type="button" className="button button--link" aria-label={t('reflection.editLabel', { what: label })}
              data-testid={`${testId}-edit`} onClick={() => setDraft(value)}>{t('reflection.edit')}</button>
            {onDelete && (
              <button type="button" className="button button--link" aria-label={t('reflection.deleteLabel', { what: label })}
                data-testid={`${testId}-delete`} onClick={onDelete}>{t('reflection.delete')}</button>
            )}
          </span>
        )}
      </span>
    );
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const text = draft.trim();
    if (text.length > 0 && text !== value) onSave(text);
    setDraft(null);
  };
  return (
    <form className="editable editable--editing" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={id}>{label}</label>
      <input id={id} className="field__input" value={draft} maxLength={4_000} autoFocus autoComplete="off" data-testid={`${testId}-input`}
        onChange={(event) => setDraft(event.target.value)} onKeyDown={(event) => event.key === 'Escape' && setDraft(null)} />
      <button type="submit" className="button button--secondary">{t('common.save')}</button>
      <button type="button" className="button button--link" onClick={() => setDraft(null)}>{t('common.cancel')}</button>
    </form>
  );
}

/** A one-line "add" form: a labelled field and a button; calls `onAdd` with the trimmed text. */
export function AddForm({ label, placeholder, submitLabel, disabled, onAdd, testId, children }: {
  label: string;
  placeholder?: string;
  submitLabel: string;
  disabled: boolean;
  onAdd: (text: string) => void;
  testId: string;
  /** Extra controls before the button (a kind or section choice). */
  children?: ReactNode;
}) {
  const [text, setText] = useState('');
  const id = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed.length === 0) return;
    onAdd(trimmed);
    setText('');
  };
  return (
    <form className="add-form" onSubmit={submit} data-testid={testId}>
      <label className="add-form__label" htmlFor={id}>{label}</label>
      <div className="add-form__row">
        <input id={id} className="field__input" value={text} maxLength={4_000} placeholder={placeholder} autoComplete="off"
          disabled={disabled} onChange={(event) => setText(event.target.value)} data-testid={`${testId}-input`} />
        {children}
        <button type="submit" className="button button--secondary" disabled={disabled || text.trim().length === 0} data-testid={`${testId}-submit`}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
