/**
 * Writing an observation: the moment (or range) it belongs to, one or more Kijkwijzer themes,
 * what kind of note it is, how it weighs (positief first, as the method names what goes well
 * first) and the text. Used for new observations and for editing.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import type { Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import { selectableObservationKinds, valenceDescriptions, valenceLabels, valences, type ObservationKind, type Valence } from '../../../shared/kijkwijzer/analysis.ts';
import { observationKindFor } from '../../../shared/domain/cycle-kinds.ts';
import { useCycleKind } from '../cycles/kind.ts';
import type { ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import { t } from '../../ui/i18n/nl.ts';
import { parseTimecode } from './model.ts';
import { ThemePicker } from './ThemePicker.tsx';

export interface ObservationValues {
  start: number;
  end: number | null;
  themes: ThemeId[];
  kind: ObservationKind;
  valence: Valence;
  text: string;
}

export function ObservationForm({ initial, heading, position, onSave, onCancel }: {
  /** The values to start from: the marked moment for a new one, the observation when editing. */
  initial: Pick<Observation, 'start' | 'end'> & Partial<Pick<Observation, 'themes' | 'kind' | 'valence' | 'text'>>;
  heading: string;
  /** Where the video is now, for "Nu". */
  position: () => number;
  onSave: (values: ObservationValues) => void;
  onCancel: () => void;
}) {
  const cycleKind = useCycleKind();
  const id = useId();
  const [start, setStart] = useState(formatTime(initial.start));
  const [end, setEnd] = useState(initial.end !== null && initial.end > initial.start ? formatTime(initial.end) : '');
  const [themes, setThemes] = useState<ThemeId[]>([...(initial.themes ?? [])]);
  const [kind, setKind] = useState<ObservationKind>(initial.kind ?? 'observation');
  const [valence, setValence] = useState<Valence>(initial.valence ?? 'neutral');
  const [text, setText] = useState(initial.text ?? '');
  const [tried, setTried] = useState(false);
  // The form opens on a key press or a click beside the video: the person writes at once.
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    textRef.current?.focus();
  }, []);

  const startSec = parseTimecode(start);
  const endSec = end.trim() === '' ? null : parseTimecode(end);
  const startError = startSec === null ? t('analysis.form.timeInvalid') : null;
  const endError = end.trim() !== '' && (endSec === null || startSec === null || endSec <= startSec) ? t('analysis.form.endInvalid') : null;
  const themeError = themes.length === 0 ? t('analysis.form.themeMissing') : null;
  const textError = text.trim() === '' ? t('analysis.form.textMissing') : null;

  const chooseKind = (next: ObservationKind): void => {
    setKind(next);
    // A kind may suggest themes (none does since "raakmoment" became the emotion theme alone).
    const suggested = observationKindFor(cycleKind, next).suggestedThemeIds;
    if (themes.length === 0 && suggested.length > 0) setThemes([...suggested]);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    if (startError || endError || themeError || textError || startSec === null) return;
    onSave({ start: startSec, end: endSec, themes, kind, valence, text: text.trim() });
  };

  return (
    <form className="obs-form" data-testid="observation-form" aria-labelledby={`${id}-h`} onSubmit={submit} noValidate
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <p className="obs-form__title" id={`${id}-h`}>{heading}</p>
      <div className="obs-form__row">
        <div className="field obs-form__time">
          <label className="field__label" htmlFor={`${id}-start`}>{t('analysis.form.start')}</label>
          <span className="obs-form__inline">
            <input id={`${id}-start`} className="field__input" name="start" value={start} inputMode="numeric" autoComplete="off"
              aria-invalid={tried && startError ? true : undefined} aria-describedby={`${id}-time-hint`} onChange={(event) => setStart(event.target.value)} />
            <button type="button" className="button button--secondary" data-testid="observation-now" onClick={() => setStart(formatTime(position()))}>
              {t('analysis.form.now')}
            </button>
          </span>
        </div>
        <div className="field obs-form__time">
          <label className="field__label" htmlFor={`${id}-end`}>{t('analysis.form.end')}</label>
          <input id={`${id}-end`} className="field__input" name="end" value={end} inputMode="numeric" autoComplete="off"
            aria-invalid={tried && endError ? true : undefined} aria-describedby={`${id}-time-hint`} onChange={(event) => setEnd(event.target.value)} />
        </div>
      </div>
      <p className="field__hint" id={`${id}-time-hint`}>{t('analysis.form.timeHint')}</p>
      {tried && (startError || endError) && <p className="field__error">{startError ?? endError}</p>}

      <ThemePicker label={t('analysis.form.themes')} value={themes} onChange={setThemes} error={tried ? themeError : null} />

      <div className="obs-form__row">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kind`}>{t('analysis.form.kind')}</label>
          <select id={`${id}-kind`} className="field__input" name="kind" data-testid="observation-kind" value={kind}
            aria-describedby={`${id}-kind-hint`} onChange={(event) => chooseKind(event.target.value as ObservationKind)}>
            {selectableObservationKinds.map((k) => <option key={k} value={k}>{observationKindFor(cycleKind, k).heading}</option>)}
          </select>
          <p className="field__hint" id={`${id}-kind-hint`}>{observationKindFor(cycleKind, kind).description}</p>
        </div>
        <fieldset className="obs-form__valence">
          <legend className="field__label">{t('analysis.form.valence')}</legend>
          {valences.map((v) => (
            <label key={v} className={`valence-option valence-option--${v}`} title={valenceDescriptions[v]}>
              <input type="radio" name={`${id}-valence`} value={v} checked={valence === v} data-testid={`valence-${v}`} onChange={() => setValence(v)} />
              {valenceLabels[v]}
            </label>
          ))}
        </fieldset>
      </div>

      <div className="field">
        <label className="field__label" htmlFor={`${id}-text`}>{t('analysis.form.text')}</label>
        <textarea ref={textRef} id={`${id}-text`} className="field__input obs-form__text" name="text" value={text} rows={3} maxLength={10_000}
          aria-invalid={tried && textError ? true : undefined} aria-describedby={`${id}-text-hint`} onChange={(event) => setText(event.target.value)} />
        <p className="field__hint" id={`${id}-text-hint`}>{t('analysis.form.textHint')}</p>
        {tried && textError && <p className="field__error">{textError}</p>}
      </div>

      <div className="form__actions">
        <button type="submit" className="button button--primary" data-testid="observation-save">{t('analysis.form.save')}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
