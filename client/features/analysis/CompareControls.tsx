/**
 * The choices above Vergelijk: which analysts, which recording (TIMECODE-2: one timeline at a
 * time, shown only when the observations span several), and how far apart two moments may lie.
 */
import { useId } from 'react';
import { t } from '../../ui/i18n/nl.ts';
import type { Analyst } from './CompareTimeline.tsx';

const tolerances = [2, 5, 10, 15] as const;

export function CompareControls({ available, excluded, counts, onToggle, recordings, shownMediaId, onRecording, tolerance, onTolerance }: {
  available: readonly Analyst[];
  excluded: ReadonlySet<string>;
  counts: (userId: string) => number;
  onToggle: (userId: string) => void;
  recordings: readonly { mediaId: string | null; label: string }[];
  shownMediaId: string | null;
  onRecording: (mediaId: string | null) => void;
  tolerance: number;
  onTolerance: (seconds: number) => void;
}) {
  const id = useId();
  return (
    <div className="compare-controls">
      <fieldset className="compare-controls__analysts">
        <legend className="field__label">{t('analysis.compare.analysts')}</legend>
        {available.map((a) => (
          <label key={a.id} className="compare-controls__analyst">
            <input type="checkbox" data-testid="compare-analyst" data-analyst={a.id} checked={!excluded.has(a.id)} onChange={() => onToggle(a.id)} />
            <span className="swatch" style={{ backgroundColor: a.color }} aria-hidden="true" />
            {t('analysis.compare.analystCount', { name: a.name, n: counts(a.id) })}
          </label>
        ))}
      </fieldset>
      {recordings.length > 1 && (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-rec`}>{t('analysis.compare.recording')}</label>
          <select id={`${id}-rec`} className="field__input" data-testid="compare-recording" value={shownMediaId ?? ''}
            onChange={(event) => onRecording(event.target.value === '' ? null : event.target.value)}>
            {recordings.map((r) => <option key={r.mediaId ?? ''} value={r.mediaId ?? ''}>{r.label}</option>)}
          </select>
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-tol`}>{t('analysis.compare.tolerance')}</label>
        <select id={`${id}-tol`} className="field__input" data-testid="compare-tolerance" value={tolerance} onChange={(event) => onTolerance(Number(event.target.value))}>
          {tolerances.map((s) => <option key={s} value={s}>{t('analysis.compare.toleranceOption', { n: s })}</option>)}
        </select>
      </div>
    </div>
  );
}
