/**
 * Typing a fragment ("6:00–6:30", FRAGMENT-1) or changing one afterwards (FRAGMENT-2): the range
 * as text, read by the shared parser, a name, a theme and — where the cycle has several files —
 * the recording it is on. A wrong range is said in Dutch beside the field; nothing is saved.
 */
import { useId, useState, type FormEvent } from 'react';
import { parseTimeRange, timeRangeExample } from '../../../shared/domain/cycle-doc/time-range.ts';
import { themes, type ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import { t } from '../../ui/i18n/nl.ts';

export interface FragmentValues {
  mediaId: string | null;
  start: number;
  end: number;
  label: string;
  theme: ThemeId | null;
}

export interface RecordingChoice {
  id: string;
  label: string;
  durationMs: number | null;
}

export function FragmentRangeForm({ initial, recordings, heading, submitLabel, testId, onSave, onCancel }: {
  initial: { range: string; label: string; theme: ThemeId | null; mediaId: string | null };
  recordings: readonly RecordingChoice[];
  heading: string;
  submitLabel: string;
  testId: string;
  onSave: (values: FragmentValues) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [range, setRange] = useState(initial.range);
  const [label, setLabel] = useState(initial.label);
  const [theme, setTheme] = useState<ThemeId | ''>(initial.theme ?? '');
  const [mediaId, setMediaId] = useState<string | null>(initial.mediaId ?? recordings[0]?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const chosen = recordings.find((r) => r.id === mediaId);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = parseTimeRange(range, chosen?.durationMs ? chosen.durationMs / 1000 : undefined);
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    onSave({ mediaId, start: parsed.start, end: parsed.end, label: label.trim(), theme: theme === '' ? null : theme });
    if (onCancel === undefined) {
      setRange('');
      setLabel('');
    }
  };
  return (
    <form className="room-form" data-testid={testId} onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <p className="room-form__title" id={`${id}-title`}>{heading}</p>
      <div className="field room-form__field">
        <label className="field__label" htmlFor={`${id}-range`}>{t('fragments.range')}</label>
        <input id={`${id}-range`} className="field__input" name="range" value={range} autoComplete="off" data-testid="fragment-range"
          placeholder={timeRangeExample} aria-invalid={error !== null} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => setRange(event.target.value)} onKeyDown={(event) => event.key === 'Escape' && onCancel?.()} />
        <span className="field__hint" id={`${id}-hint`}>{t('fragments.rangeHint')}</span>
        {error && <span className="field__error" id={`${id}-error`} role="alert" data-testid="fragment-range-error">{error}</span>}
      </div>
      {recordings.length > 1 && (
        <label className="field room-form__field">
          <span className="field__label">{t('fragments.recording')}</span>
          <select className="field__input" data-testid="fragment-recording" value={mediaId ?? ''} onChange={(event) => setMediaId(event.target.value || null)}>
            {recordings.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
          </select>
        </label>
      )}
      <label className="field room-form__field room-form__field--grow">
        <span className="field__label">{t('fragments.label')}</span>
        <input className="field__input" name="label" value={label} maxLength={200} autoComplete="off" data-testid="fragment-label"
          placeholder={t('fragments.labelHint')} onChange={(event) => setLabel(event.target.value)} />
      </label>
      <label className="field room-form__field">
        <span className="field__label">{t('fragments.theme')}</span>
        <select className="field__input" value={theme} onChange={(event) => setTheme(event.target.value as ThemeId | '')}>
          <option value="">{t('fragments.noTheme')}</option>
          {themes.map((x) => <option key={x.id} value={x.id}>{x.shortLabel}</option>)}
        </select>
      </label>
      <div className="room-form__actions">
        <button type="submit" className="button button--primary">{submitLabel}</button>
        {onCancel && <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>}
      </div>
    </form>
  );
}
