/**
 * One point of the client's feedback: the client's words (may be a quotation), a paraphrase for
 * passing on without quotation, and the three-way decision ("doorgeven", "doorgeven zonder
 * citaat", "niet doorgeven") with who decided when. The decision goes to the server, which passes
 * the point on; the words themselves are edited in the interview document.
 */
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import {
  feedbackDecisionLabels,
  feedbackDecisions,
  passedOnText,
  patchFeedbackPoint,
  type ClientFeedback,
  type FeedbackDecision,
  type FeedbackPoint,
} from '../../../shared/domain/cycle-doc/interview.ts';
import { decideFeedback } from '../../api/interview.ts';
import { isApiError } from '../../api/http.ts';
import { formatDateTime, isoDateTime } from '../../ui/format.ts';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { Alert } from '../../ui/primitives.tsx';
import { EditableText } from './EditableText.tsx';

export function FeedbackPointRow({ point, map, cycleId, canWrite, decidedByName, passedOn }: {
  point: FeedbackPoint;
  /** The copy in the shared document, if this point was passed on. */
  passedOn: ClientFeedback | null;
  map: Y.Map<Y.Map<unknown>>;
  cycleId: string;
  canWrite: boolean;
  decidedByName: string | null;
}) {
  const [choice, setChoice] = useState<FeedbackDecision | null>(point.decision);
  const [paraphrase, setParaphrase] = useState(point.paraphrase);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const paraphraseId = useId();
  const needsParaphrase = choice === 'zonderCitaat' && paraphrase.trim().length === 0;
  // A point that was passed on stays until the decision says otherwise: no copy without its source.
  const mayDelete = point.decision === null || point.decision === 'nietDoorgeven';
  // The copy is written at the decision; a later edit of the words or paraphrase needs a new one.
  const stale = passedOn !== null && passedOn.text !== passedOnText(point, passedOn.mode);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (choice === null || needsParaphrase) return;
    setBusy(true);
    setError(null);
    try {
      const text = paraphrase.trim();
      await decideFeedback(cycleId, point.id, { decision: choice, ...(text.length > 0 ? { paraphrase: text } : {}) });
    } catch (err: unknown) {
      setError(errorMessage(isApiError(err) ? err.code : 'unexpected_response'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="reflection__item feedback-point" data-testid="feedback-point" data-id={point.id} data-decision={point.decision ?? ''}>
      <EditableText value={point.text} label={t('interview.feedbackItem')} canEdit={canWrite} testId="feedback"
        onSave={(text) => patchFeedbackPoint(map, point.id, { text })} {...(mayDelete ? { onDelete: () => map.delete(point.id) } : {})} />
      <form className="feedback-point__decide" onSubmit={(event) => void submit(event)}>
        <fieldset className="review__answers" disabled={!canWrite || busy}>
          <legend className="review__legend">{t('interview.decision')}</legend>
          {feedbackDecisions.map((d) => (
            <label key={d} className="review__answer">
              <input type="radio" name={`decision-${point.id}`} value={d} checked={choice === d} data-testid={`feedback-decision-${d}`}
                onChange={() => setChoice(d)} />
              {feedbackDecisionLabels[d]}
            </label>
          ))}
        </fieldset>
        <label className="field__label" htmlFor={paraphraseId}>{t('interview.paraphrase')}</label>
        <textarea id={paraphraseId} className="field__input" rows={2} maxLength={4_000} value={paraphrase} disabled={!canWrite || busy}
          placeholder={t('interview.paraphrasePlaceholder')} data-testid="feedback-paraphrase" onChange={(event) => setParaphrase(event.target.value)} />
        {needsParaphrase && <p className="reflection__note" data-testid="feedback-paraphrase-needed">{t('interview.paraphraseNeeded')}</p>}
        <button type="submit" className="button button--secondary" disabled={!canWrite || busy || choice === null || needsParaphrase}
          data-testid="feedback-decide">{t('interview.decide')}</button>
      </form>
      <p className="reflection__note" data-testid="feedback-status">
        {point.decision === null || point.decidedAt === null
          ? t('interview.undecided')
          : (
            <>
              {t('interview.decided', { decision: feedbackDecisionLabels[point.decision], name: decidedByName ?? t('interview.someone') })}{' '}
              <time dateTime={isoDateTime(point.decidedAt)}>{formatDateTime(point.decidedAt)}</time>
            </>
          )}
      </p>
      {stale && <p className="reflection__note" data-testid="feedback-stale">{t('interview.passedOnStale')}</p>}
      {error !== null && <Alert tone="warning">{error}</Alert>}
    </li>
  );
}
