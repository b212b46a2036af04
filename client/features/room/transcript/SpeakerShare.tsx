/** Talk share per speaker (the Kijkwijzer's "spreektijd"): a coloured strip and the figures. */
import type { TranscriptAnalytics } from '../../../../shared/transcript/analytics.ts';
import { formatTime } from '../../../../shared/domain/cycle-doc/fragments.ts';
import { t } from '../../../ui/i18n/nl.ts';
import { speakerColor } from './model.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function SpeakerShare({ analytics }: { analytics: TranscriptAnalytics }) {
  const { speakers, longestTurn, silences, turns } = analytics;
  if (speakers.length === 0) return null;
  return (
    <div className="transcript__share" data-testid="talk-share">
      <div className="transcript__strip" aria-hidden="true">
        {speakers.map((s, i) => (
          // Widths are set through the DOM (CSSOM), which the CSP allows; no inline style markup.
          <span key={s.speaker} className="transcript__strip-part" style={{ width: percent(s.share), backgroundColor: speakerColor(i) }} />
        ))}
      </div>
      <ul className="transcript__figures">
        {speakers.map((s, i) => (
          <li key={s.speaker} data-testid="talk-share-speaker">
            <span className="transcript__swatch" style={{ backgroundColor: speakerColor(i) }} aria-hidden="true" />
            {t('transcript.shareLine', { speaker: s.speaker === '?' ? t('transcript.unknownSpeaker') : s.speaker, share: percent(s.share), turns: s.turns, questions: s.questions })}
          </li>
        ))}
      </ul>
      <p className="room__note">
        {t('transcript.summary', { turns, silences: silences.length })}
        {longestTurn &&
          ` ${t('transcript.longest', { speaker: longestTurn.speaker, time: formatTime(longestTurn.start / 1000), seconds: Math.round((longestTurn.end - longestTurn.start) / 1000) })}`}
      </p>
    </div>
  );
}
