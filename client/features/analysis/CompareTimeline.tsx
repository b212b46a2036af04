/**
 * The published observations of several analysts on one timeline: a lane per analyst, a dot per
 * observation in its theme's colour, and a band where analysts saw the same moment (an overlap).
 * A dot is a button: it takes the video to that moment.
 */
import type { Cluster, CompareInput } from '../../../shared/domain/cycle-doc/compare.ts';
import { formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import { t } from '../../ui/i18n/nl.ts';
import { themeColor, timeLabel } from './model.ts';

export interface Analyst {
  id: string;
  name: string;
  color: string;
}

export function CompareTimeline({ analysts, inputs, overlaps, duration, onSeek }: {
  analysts: readonly Analyst[];
  inputs: readonly CompareInput[];
  overlaps: readonly Cluster[];
  /** Length of the recording (s); the last observation when the video's is unknown. */
  duration: number;
  onSeek: (input: CompareInput) => void;
}) {
  const span = Math.max(duration, ...inputs.map((i) => (i.observation.end ?? i.observation.start) + 1), 1);
  const pct = (s: number): string => `${Math.min(100, Math.max(0, (s / span) * 100))}%`;
  return (
    <div className="compare-timeline" data-testid="compare-timeline" data-span={span}>
      <div className="compare-timeline__scale" aria-hidden="true">
        <span>{formatTime(0)}</span>
        <span>{formatTime(span / 2)}</span>
        <span>{formatTime(span)}</span>
      </div>
      <div className="compare-timeline__body">
        <div className="compare-timeline__bands" aria-hidden="true">
          {overlaps.map((c) => (
            <div key={`${c.start}-${c.members[0]?.observation.id}`} className="compare-timeline__band" data-testid="compare-band"
              style={{ left: pct(c.start), width: `max(6px, calc(${pct(c.end)} - ${pct(c.start)}))` }} />
          ))}
        </div>
        {analysts.map((a) => (
          <div key={a.id} className="compare-timeline__lane" data-testid="compare-lane" data-analyst={a.id}>
            <span className="compare-timeline__name" style={{ borderLeftColor: a.color }}>{a.name}</span>
            <div className="compare-timeline__track">
              {inputs.filter((i) => i.analyst === a.id).map((i) => (
                <button key={i.observation.id} type="button" className={`compare-timeline__dot compare-timeline__dot--${i.observation.valence}`}
                  data-testid="compare-dot" data-start={i.observation.start}
                  style={{ left: pct(i.observation.start), backgroundColor: themeColor(i.observation.themes) }}
                  aria-label={t('analysis.compare.dotLabel', { time: timeLabel(i.observation), name: a.name, text: i.observation.text })}
                  title={`${timeLabel(i.observation)} · ${i.observation.text}`}
                  onClick={() => onSeek(i)} />
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
