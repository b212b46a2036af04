/**
 * The conversation figures of the Kijkwijzer's theme "spreektijd": talk share per speaker and
 * role, turns, the longest turn (of each role) with a button that plays it, silences and topic
 * chains. Figures describe the transcript; the judgement is the viewer's.
 */
import { formatRange } from '../../../../shared/domain/cycle-doc/fragments.ts';
import type { Turn, TranscriptAnalytics } from '../../../../shared/transcript/analytics.ts';
import { speakerColor } from './model.ts';
import { useKindT } from '../../cycles/kind.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function TalkFigures({ analytics, nameOf, canPlay, onPlay }: {
  analytics: TranscriptAnalytics;
  nameOf: (speaker: string) => string;
  canPlay: boolean;
  onPlay: (startSeconds: number, endSeconds: number) => void;
}) {
  const t = useKindT();
  const { speakers, roles, longestTurn, longestByRole, silences, turns, topics } = analytics;
  if (speakers.length === 0) return null;
  const play = (turn: { start: number; end: number }, label: string, testId: string) => (
    <button type="button" className="button button--secondary play-range" disabled={!canPlay} data-testid={testId}
      data-start={turn.start / 1000} data-end={turn.end / 1000}
      aria-label={t('reflection.playLabel', { range: `${formatRange(turn.start / 1000, turn.end / 1000)} ${label}` })}
      onClick={() => onPlay(turn.start / 1000, turn.end / 1000)}>
      <span aria-hidden="true">▶ </span>{formatRange(turn.start / 1000, turn.end / 1000)}
    </button>
  );
  const seconds = (turn: Turn) => Math.round((turn.end - turn.start) / 1000);
  return (
    <div className="transcript__share" data-testid="talk-share">
      <ul className="transcript__figures">
        {speakers.map((s, i) => (
          <li key={s.speaker} data-testid="talk-share-speaker">
            <span className="transcript__swatch" style={{ backgroundColor: speakerColor(i) }} aria-hidden="true" />
            {t('transcript.shareLine', { speaker: nameOf(s.speaker), share: percent(s.share), turns: s.turns, questions: s.questions })}
          </li>
        ))}
      </ul>
      <p className="room__note" data-testid="talk-share-roles">
        {roles.map((r) => t('transcript.roleShare', { role: t(`transcript.role.${r.role}`), share: percent(r.share) })).join(' · ')}
      </p>
      <p className="room__note">{t('transcript.summary', { turns, silences: silences.length })}</p>
      <ul className="transcript__longest">
        {longestTurn && (
          <li data-testid="longest-turn">
            {t('transcript.longestOf', { speaker: nameOf(longestTurn.speaker), seconds: seconds(longestTurn) })} {play(longestTurn, t('transcript.longestLabel'), 'play-longest')}
          </li>
        )}
        {longestByRole.length > 1 &&
          longestByRole.map(({ role, turn }) => (
            <li key={role}>
              {t('transcript.longestOfRole', { role: t(`transcript.role.${role}`), seconds: seconds(turn) })} {play(turn, t(`transcript.role.${role}`), `play-longest-${role}`)}
            </li>
          ))}
      </ul>
      <p className="room__note" data-testid="topic-figures">{t('transcript.topics', { chains: topics.chains.length, linked: topics.linkedPairs, shifts: topics.topicShifts })}</p>
      {topics.chains.length > 0 && (
        <ul className="transcript__chains">
          {topics.chains.slice(0, 10).map((c) => (
            <li key={c.start} data-testid="topic-chain">
              {t('transcript.chain', { turns: c.turns, words: c.words.join(', ') })} {play(c, t('transcript.chainLabel'), 'play-chain')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
