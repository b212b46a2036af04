/**
 * The speaker strip under the timeline: one coloured band per turn, placed on the recording's
 * time axis, so that who talks when (and for how long) is visible at a glance. A click seeks like
 * the timeline above it (for everyone when following). Keyboard users seek from the lines list;
 * the strip itself is a picture, summed up in its label.
 */
import type { MouseEvent } from 'react';
import type { TranscriptAnalytics } from '../../../../shared/transcript/analytics.ts';
import { t } from '../../../ui/i18n/nl.ts';
import { speakerColor } from './model.ts';

export function SpeakerStrip({ analytics, durationSeconds, canSeek, onSeek, nameOf }: {
  analytics: TranscriptAnalytics;
  durationSeconds: number;
  canSeek: boolean;
  onSeek: (seconds: number) => void;
  nameOf: (speaker: string) => string;
}) {
  const { turnList, speakers } = analytics;
  const lastEnd = turnList.reduce((max, turn) => Math.max(max, turn.end), 0);
  // Until the video's metadata is known, the transcript's own end is the axis.
  const axisMs = Number.isFinite(durationSeconds) && durationSeconds > 0 ? Math.max(durationSeconds * 1000, lastEnd) : lastEnd;
  if (axisMs <= 0 || turnList.length === 0) return null;
  const colourOf = new Map(speakers.map((s, i) => [s.speaker, speakerColor(i)]));
  const pct = (ms: number) => `${((ms / axisMs) * 100).toFixed(3)}%`;
  const seek = (event: MouseEvent<HTMLDivElement>): void => {
    if (!canSeek) return;
    const box = event.currentTarget.getBoundingClientRect();
    onSeek(((event.clientX - box.left) / box.width) * (axisMs / 1000));
  };
  const summary = speakers.map((s) => `${nameOf(s.speaker)} ${Math.round(s.share * 100)}%`).join(', ');
  return (
    <div className="transcript__band" role="img" aria-label={t('transcript.stripLabel', { summary })} data-testid="speaker-strip" onClick={seek}>
      {turnList.map((turn, i) => (
        <span key={i} className="transcript__band-turn" data-speaker={turn.speaker}
          style={{ left: pct(turn.start), width: pct(Math.max(turn.end - turn.start, axisMs / 2000)), backgroundColor: colourOf.get(turn.speaker) }} />
      ))}
    </div>
  );
}
