/**
 * "Voornemens van de vorige keer — toegepast?": the takeaways of the previous cycle with the same
 * client, and this cycle's check of each (ja / deels / nee, with a note). The check is stored in
 * this cycle's document, so the researchers of this cycle read it without being members of the
 * previous cycle; the klantmanager fills it in (the rule table: `previousReview`).
 */
import { useEffect, useState } from 'react';
import type { CycleSummary } from '../../../shared/domain/access.ts';
import { reviewsOf, setReview, type TakeawayReview } from '../../../shared/domain/cycle-doc/intake.ts';
import { followUpQuestions, takeawayKindLabels } from '../../../shared/kijkwijzer/reflection.ts';
import { fetchPrevious, type ReviewedTakeaway } from '../../api/reflection.ts';
import { useResource } from '../../api/useResource.ts';
import type { CollabSession } from '../../collab/index.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { Alert } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import type { MayWrite } from '../access/useMayWrite.ts';
import { useReviews } from './doc.ts';
import { useKindT } from '../cycles/kind.ts';

const answers: readonly NonNullable<TakeawayReview['applied']>[] = ['ja', 'deels', 'nee'];

export function PreviousTakeaways({ session, cycle, may }: { session: CollabSession; cycle: CycleSummary; may: MayWrite }) {
  const t = useKindT();
  const [previous, { reload }] = useResource(() => fetchPrevious(cycle.id), `previous:${cycle.id}`);
  const reviews = useReviews(session);

  return (
    <div className="reflection__group reflection__previous" data-testid="previous-takeaways">
      <h3 className="reflection__subheading" id="previous-heading">{t('previous.heading')}</h3>
      {previous.status === 'loading' && <p className="page__loading" aria-busy="true">{t('previous.loading')}</p>}
      {previous.status === 'error' && (
        <Alert tone="warning">
          {errorMessage(previous.error.code)}{' '}
          <button type="button" className="button button--link" onClick={reload}>{t('common.retry')}</button>
        </Alert>
      )}
      {previous.status === 'ready' && previous.data.previousCycleId === null && (
        <p className="empty" data-testid="previous-none">{t('previous.none')}</p>
      )}
      {previous.status === 'ready' && previous.data.previousCycleId !== null && (
        <>
          <p className="reflection__note">
            {cycle.myRole === 'owner'
              ? <Link href={paths.cycle(previous.data.previousCycleId)} data-testid="previous-link">{t('previous.link', { title: previous.data.title ?? '' })}</Link>
              : t('previous.from', { title: previous.data.title ?? '' })}
          </p>
          {previous.data.takeaways.length === 0
            ? <p className="empty">{t('previous.noTakeaways')}</p>
            : (
              <ul className="reflection__list" aria-labelledby="previous-heading">
                {previous.data.takeaways.map((item) => (
                  // A first answer adds the check, a later one changes it.
                  <ReviewRow key={item.id} item={item} review={reviews.get(item.id)} canWrite={may('previousReview', reviews.has(item.id) ? 'change' : 'add')}
                    onChange={(patch) => setReview(reviewsOf(session.doc), item.id, patch)} />
                ))}
              </ul>
            )}
          <details className="reflection__questions">
            <summary>{t('previous.questions')}</summary>
            <ul>{followUpQuestions.map((q) => <li key={q}>{q}</li>)}</ul>
          </details>
        </>
      )}
    </div>
  );
}

function ReviewRow({ item, review, canWrite, onChange }: {
  item: ReviewedTakeaway;
  review: TakeawayReview | undefined;
  canWrite: boolean;
  onChange: (patch: Partial<Omit<TakeawayReview, 'id'>>) => void;
}) {
  const applied = review?.applied ?? null;
  const savedNote = review?.note ?? '';
  const [note, setNote] = useState(savedNote);
  // Someone else's note arrives: show it unless I am typing a different one.
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setNote(savedNote);
  }, [savedNote, focused]);
  const commit = (): void => {
    setFocused(false);
    if (note.trim() !== savedNote) onChange({ note: note.trim() });
  };
  return (
    <li className="reflection__item review" data-testid="previous-takeaway" data-id={item.id} data-applied={applied ?? ''}>
      <p className="review__text">
        <span className="badge">{takeawayKindLabels[item.kind]}</span> {item.text}
      </p>
      <fieldset className="review__answers" disabled={!canWrite}>
        <legend className="review__legend">{t('previous.applied')}</legend>
        {answers.map((a) => (
          <label key={a} className="review__answer">
            <input type="radio" name={`applied-${item.id}`} value={a} checked={applied === a} data-testid={`applied-${a}`}
              onChange={() => onChange({ applied: a })} />
            {t(`previous.applied.${a}`)}
          </label>
        ))}
      </fieldset>
      <label className="review__note">
        <span className="visually-hidden">{t('previous.noteLabel', { text: item.text })}</span>
        <input className="field__input" value={note} maxLength={4_000} placeholder={t('previous.notePlaceholder')} disabled={!canWrite}
          data-testid="previous-note" onFocus={() => setFocused(true)} onChange={(event) => setNote(event.target.value)} onBlur={commit}
          onKeyDown={(event) => event.key === 'Enter' && commit()} />
      </label>
    </li>
  );
}
