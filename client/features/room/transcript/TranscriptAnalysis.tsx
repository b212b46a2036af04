/**
 * Everything the transcript says about the conversation as a whole, above its lines: the speaker
 * strip on the recording's time axis, the figures with play buttons, and (on request) the charts.
 */
import { lazy, Suspense, useState } from 'react';
import type { TranscriptAnalytics } from '../../../../shared/transcript/analytics.ts';
import { talkAgendaText } from '../../../../shared/transcript/talk-text.ts';
import { displayName, type SpeakerMapping } from '../../../../shared/transcript/types.ts';
import { t } from '../../../ui/i18n/nl.ts';
import { SpeakerStrip } from './SpeakerStrip.tsx';
import { TalkFigures } from './TalkFigures.tsx';

// Recharts is sizeable: it loads only when someone opens the charts.
const TalkCharts = lazy(() => import('./TalkCharts.tsx'));

export function TranscriptAnalysis({ analytics, speakers, durationSeconds, canSeek, onSeek, onPlayRange, onAgenda }: {
  analytics: TranscriptAnalytics;
  /** The owner's mapping (with pseudonyms); others get the pseudonyms as names already. */
  speakers: readonly SpeakerMapping[];
  durationSeconds: number;
  canSeek: boolean;
  onSeek: (seconds: number) => void;
  onPlayRange: (start: number, end: number) => void;
  /** Null for those who may not add to the agenda. */
  onAgenda: ((text: string) => void) | null;
}) {
  const [charts, setCharts] = useState(false);
  const [placed, setPlaced] = useState(false);
  const nameOf = (speaker: string): string => (speaker === '?' ? t('transcript.unknownSpeaker') : speaker);
  return (
    <>
      <SpeakerStrip analytics={analytics} durationSeconds={durationSeconds} canSeek={canSeek} onSeek={onSeek} nameOf={nameOf} />
      <TalkFigures analytics={analytics} nameOf={nameOf} canPlay={canSeek} onPlay={onPlayRange} />
      {onAgenda && (
        <button type="button" className="button button--secondary" disabled={placed} data-testid="talk-to-agenda"
          onClick={() => {
            // The agenda is read by every member: pseudonyms only, also when the owner adds it.
            onAgenda(talkAgendaText(analytics, (s) => nameOf(displayName(s, speakers) ?? s)));
            setPlaced(true);
          }}>
          {placed ? t('transcript.onAgenda') : t('transcript.toAgenda')}
        </button>
      )}
      <button type="button" className="button button--secondary" aria-expanded={charts} onClick={() => setCharts((c) => !c)} data-testid="talk-charts-toggle">
        {charts ? t('transcript.chartsHide') : t('transcript.chartsShow')}
      </button>
      {charts && (
        <Suspense fallback={<p className="room__note">{t('common.loading')}</p>}>
          <TalkCharts analytics={analytics} nameOf={nameOf} />
        </Suspense>
      )}
    </>
  );
}
