/**
 * Naming a fragment (after I/O or a drag on the timeline) and marking a moment (M). Both save
 * into the shared cycle document, so everyone's timeline shows them at once.
 */
import { useState, type FormEvent } from 'react';
import { formatRange, formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import { themes, type ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import { t } from '../../ui/i18n/nl.ts';

function ThemeSelect({ value, onChange }: { value: ThemeId | ''; onChange: (theme: ThemeId | '') => void }) {
  return (
    <label className="field room-form__field">
      <span className="field__label">{t('fragments.theme')}</span>
      <select className="field__input" data-testid="theme-select" value={value} onChange={(event) => onChange(event.target.value as ThemeId | '')}>
        <option value="">{t('fragments.noTheme')}</option>
        {themes.map((theme) => <option key={theme.id} value={theme.id}>{theme.shortLabel}</option>)}
      </select>
    </label>
  );
}

export function FragmentForm({ start, end, onSave, onCancel }: {
  start: number;
  end: number;
  onSave: (label: string, theme: ThemeId | null) => void;
  onCancel: () => void;
}) {
  const [label, setLabel] = useState('');
  const [theme, setTheme] = useState<ThemeId | ''>('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSave(label.trim(), theme === '' ? null : theme);
  };
  return (
    <form className="room-form" data-testid="fragment-form" onSubmit={submit} aria-label={t('fragments.new', { range: formatRange(start, end) })}>
      <p className="room-form__title">{t('fragments.new', { range: formatRange(start, end) })}</p>
      <label className="field room-form__field room-form__field--grow">
        <span className="field__label">{t('fragments.label')}</span>
        <input className="field__input" name="label" value={label} maxLength={200} autoFocus autoComplete="off"
          placeholder={t('fragments.labelHint')} onChange={(event) => setLabel(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && onCancel()} />
      </label>
      <ThemeSelect value={theme} onChange={setTheme} />
      <div className="room-form__actions">
        <button type="submit" className="button button--primary">{t('fragments.save')}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

export function MomentForm({ at, onSave, onCancel }: {
  at: number;
  onSave: (text: string, theme: ThemeId | null) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [theme, setTheme] = useState<ThemeId | ''>('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSave(text.trim(), theme === '' ? null : theme);
  };
  return (
    <form className="room-form" data-testid="moment-form" onSubmit={submit} aria-label={t('moment.heading', { time: formatTime(at) })}>
      <p className="room-form__title">{t('moment.heading', { time: formatTime(at) })}</p>
      <label className="field room-form__field room-form__field--grow">
        <span className="field__label">{t('moment.text')}</span>
        <input className="field__input" name="text" value={text} maxLength={2000} autoFocus autoComplete="off"
          onChange={(event) => setText(event.target.value)} onKeyDown={(event) => event.key === 'Escape' && onCancel()} />
      </label>
      <ThemeSelect value={theme} onChange={setTheme} />
      <div className="room-form__actions">
        <button type="submit" className="button button--primary">{t('moment.save')}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
