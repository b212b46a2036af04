/**
 * "▶ 06:00–06:30" (or "▶ video 2 · 06:00–06:30"): plays a stretch of the recording for everyone who follows the group. The time
 * code is the visible text, as the method writes fragment references.
 */
import type { Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import { t } from '../../ui/i18n/nl.ts';
import { useTimeRef } from '../room/mediaLabels.ts';
import type { PlayableRange } from './context.ts';

/** A moment without an end plays this long, enough to see what happened around it. */
export const momentSeconds = 15;

export function observationRange(o: Pick<Observation, 'mediaId' | 'start' | 'end'>): PlayableRange {
  return { mediaId: o.mediaId, start: o.start, end: o.end !== null && o.end > o.start ? o.end : o.start + momentSeconds };
}

export function PlayButton({ range, label, disabled, onPlay, testId = 'play-range', moment = false }: {
  range: PlayableRange;
  /** What is played, for the accessible name ("fragment 06:00–06:30 echtheid"). */
  label?: string;
  disabled: boolean;
  onPlay: (range: PlayableRange) => void;
  testId?: string;
  /** A moment (an observation without an end): show where it is, not the stretch played. */
  moment?: boolean;
}) {
  // Names the recording where the cycle has several files, or where the code has none (TIMECODE-1).
  const text = useTimeRef()(range.mediaId, range.start, moment ? null : range.end);
  return (
    <button type="button" className="button button--secondary play-range" disabled={disabled} data-testid={testId}
      data-start={range.start} data-end={range.end}
      aria-label={t('reflection.playLabel', { range: label ? `${text} ${label}` : text })} onClick={() => onPlay(range)}>
      <span aria-hidden="true">▶ </span>{text}
    </button>
  );
}
