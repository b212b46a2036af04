/**
 * Preparing the client interview: the questions the analysis produced for the client (in time
 * order, each with its moment to play) and the fragments chosen to show the client. A chosen
 * fragment can be put into the interview report as a reference that plays in place. Questions
 * and fragments come from the shared cycle document; the answers and the choice of fragments
 * are the interview's (`interview`, the researchers' own document).
 */
import { formatTime, type Fragment } from '../../../shared/domain/cycle-doc/fragments.ts';
import { addFeedbackPoint, feedbackPointsOf, interviewFragmentsOf, setInterviewFragment } from '../../../shared/domain/cycle-doc/interview.ts';
import { questionsForClient } from '../../../shared/domain/cycle-doc/pillars.ts';
import { findTheme } from '../../../shared/kijkwijzer/themes.ts';
import { t } from '../../ui/i18n/nl.ts';
import type { CollabSession } from '../../collab/index.ts';
import type { ReflectionProps } from './context.ts';
import { useAnalysisObservations, useCycleFragments, useFeedbackPoints, useInterviewFragmentIds } from './doc.ts';
import { AddForm } from './EditableText.tsx';
import { useTimeRef } from '../room/mediaLabels.ts';
import { observationRange, PlayButton } from './PlayButton.tsx';

export function InterviewPrep({ session, interview, user, canPlay, onPlay, canWrite, canInsert, onInsert }: ReflectionProps & {
  interview: CollabSession;
  canWrite: boolean;
  canInsert: boolean;
  onInsert: (fragment: Fragment) => void;
}) {
  const questions = questionsForClient(useAnalysisObservations(session));
  const feedback = useFeedbackPoints(interview);
  const fragments = useCycleFragments(session);
  const chosen = new Set(useInterviewFragmentIds(interview));
  const timeRef = useTimeRef();

  return (
    <>
      <div className="reflection__group" data-testid="interview-questions">
        <h3 className="reflection__subheading" id="interview-questions-heading">{t('interview.questions')}</h3>
        {questions.length === 0
          ? <p className="empty">{t('interview.questionsEmpty')}</p>
          : (
            <ol className="reflection__list" aria-labelledby="interview-questions-heading">
              {questions.map((q) => {
                const answers = feedback.filter((f) => f.questionId === q.id);
                return (
                  <li key={q.id} className="reflection__item" data-testid="interview-question" data-id={q.id} data-start={q.start}>
                    <p className="source__line">
                      <PlayButton range={observationRange(q)} moment={q.end === null} disabled={!canPlay} onPlay={onPlay} label={q.text} />
                      <span className="source__text">{q.text}</span>
                      {q.authorName && <span className="source__meta">{q.authorName}</span>}
                    </p>
                    {answers.length > 0 && (
                      <ul className="answers" aria-label={t('interview.answersLabel')}>
                        {answers.map((a) => <li key={a.id}>{a.text}</li>)}
                      </ul>
                    )}
                    {canWrite && (
                      <AddForm label={t('interview.answerLabel', { time: formatTime(q.start) })} submitLabel={t('interview.answerAdd')}
                        disabled={!canWrite} testId="interview-answer"
                        onAdd={(text) => addFeedbackPoint(feedbackPointsOf(interview.doc), { text, questionId: q.id, createdBy: user.id })} />
                    )}
                  </li>
                );
              })}
            </ol>
          )}
      </div>

      <div className="reflection__group" data-testid="interview-fragments">
        <h3 className="reflection__subheading" id="interview-fragments-heading">{t('interview.fragments')}</h3>
        <p className="reflection__note">{t('interview.fragmentsHint')}</p>
        {fragments.length === 0
          ? <p className="empty">{t('interview.fragmentsEmpty')}</p>
          : (
            <ul className="reflection__list" aria-labelledby="interview-fragments-heading">
              {fragments.map((f) => {
                const range = timeRef(f.mediaId, f.start, f.end);
                const theme = f.theme === null ? undefined : findTheme(f.theme);
                return (
                  <li key={f.id} className="reflection__item source__line" data-testid="interview-fragment" data-id={f.id} data-chosen={String(chosen.has(f.id))}>
                    <label className="reflection__check">
                      <input type="checkbox" checked={chosen.has(f.id)} disabled={!canWrite}
                        onChange={(event) => setInterviewFragment(interviewFragmentsOf(interview.doc), f.id, event.target.checked)} />
                      {t('interview.showClient', { range })}
                    </label>
                    {f.label && <span className="source__text">{f.label}</span>}
                    {theme && <span className="badge" style={{ borderColor: theme.color }}>{theme.shortLabel}</span>}
                    <PlayButton range={f} label={f.label} disabled={!canPlay} onPlay={onPlay} />
                    <button type="button" className="button button--link" disabled={!canInsert}
                      aria-label={t('interview.insertLabel', { range })} onClick={() => onInsert(f)}>{t('interview.insert')}</button>
                  </li>
                );
              })}
            </ul>
          )}
      </div>
    </>
  );
}
