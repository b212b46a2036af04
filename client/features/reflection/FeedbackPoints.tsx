/**
 * The client's feedback from the interview, point by point, in the researchers' interview
 * document. Clients sometimes allow criticism to be passed on "niet of alleen anoniem": for each
 * point the researchers decide together whether it is passed on as said, without quotation (a
 * paraphrase only) or not at all. Only the server passes a point on (the decision route).
 */
import { useMemo } from 'react';
import type { CycleSummary, PublicUser } from '../../../shared/domain/access.ts';
import { addFeedbackPoint, feedbackPointsOf } from '../../../shared/domain/cycle-doc/interview.ts';
import { listMembers } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import type { CollabSession } from '../../collab/index.ts';
import { t } from '../../ui/i18n/nl.ts';
import { useClientFeedback, useFeedbackPoints } from './doc.ts';
import { AddForm } from './EditableText.tsx';
import { FeedbackPointRow } from './FeedbackPointRow.tsx';

export function FeedbackPoints({ interview, session, cycle, user, canWrite }: {
  interview: CollabSession;
  /** The shared cycle document: what was passed on of each point. */
  session: CollabSession;
  cycle: CycleSummary;
  user: PublicUser;
  canWrite: boolean;
}) {
  const points = useFeedbackPoints(interview);
  const passedOn = new Map(useClientFeedback(session).map((f) => [f.id, f] as const));
  const [members] = useResource(() => listMembers(cycle.id), `members:${cycle.id}`);
  const names = useMemo(
    () => new Map(members.status === 'ready' ? members.data.map((m) => [m.userId, m.name] as const) : []),
    [members],
  );
  const map = feedbackPointsOf(interview.doc);
  return (
    <div className="reflection__group" data-testid="feedback-points">
      <h3 className="reflection__subheading" id="feedback-points-heading">{t('interview.feedback')}</h3>
      <p className="reflection__note">{t('interview.feedbackHint')}</p>
      {points.length === 0
        ? <p className="empty">{t('interview.feedbackEmpty')}</p>
        : (
          <ul className="reflection__list" aria-labelledby="feedback-points-heading">
            {points.map((p) => (
              <FeedbackPointRow key={p.id} point={p} map={map} cycleId={cycle.id} canWrite={canWrite} passedOn={passedOn.get(p.id) ?? null}
                decidedByName={p.decidedBy === null ? null : names.get(p.decidedBy) ?? t('interview.someone')} />
            ))}
          </ul>
        )}
      {canWrite && (
        <AddForm label={t('interview.feedbackAdd')} submitLabel={t('interview.feedbackSubmit')} disabled={!canWrite} testId="feedback-add"
          onAdd={(text) => addFeedbackPoint(map, { text, createdBy: user.id })} />
      )}
    </div>
  );
}
