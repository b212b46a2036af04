/**
 * The client's feedback from the interview, point by point: the agenda's third pillar. Only what
 * the client wants passed on, in the way they want ("liever anoniem?").
 */
import type { PublicUser } from '../../../shared/domain/access.ts';
import { patchItem } from '../../../shared/domain/cycle-doc/intake.ts';
import { addClientFeedback, clientFeedbackOf } from '../../../shared/domain/cycle-doc/interview.ts';
import { agendaBySource } from '../../../shared/domain/cycle-doc/pillars.ts';
import { pillarById } from '../../../shared/kijkwijzer/reflection.ts';
import type { CollabSession } from '../../collab/index.ts';
import { t } from '../../ui/i18n/nl.ts';
import { useAgenda, useClientFeedback } from './doc.ts';
import { AddForm, EditableText } from './EditableText.tsx';

export function ClientFeedbackList({ session, user, canWrite }: { session: CollabSession; user: PublicUser; canWrite: boolean }) {
  const feedback = useClientFeedback(session);
  const onAgenda = agendaBySource(useAgenda(session));
  const map = clientFeedbackOf(session.doc);
  return (
    <div className="reflection__group" data-testid="client-feedback">
      <h3 className="reflection__subheading" id="client-feedback-heading">{t('interview.feedback')}</h3>
      <p className="reflection__note">{pillarById('client').prompt}</p>
      {feedback.length === 0
        ? <p className="empty">{t('interview.feedbackEmpty')}</p>
        : (
          <ul className="reflection__list" aria-labelledby="client-feedback-heading">
            {feedback.map((f) => (
              <li key={f.id} className="reflection__item" data-testid="feedback" data-id={f.id}>
                <EditableText value={f.text} label={t('interview.feedbackItem')} canEdit={canWrite} testId="feedback"
                  onSave={(text) => patchItem(map, f.id, { text })} onDelete={() => map.delete(f.id)} />
                {onAgenda.has(f.id) && <span className="badge badge--positive">{t('agenda.onAgenda')}</span>}
              </li>
            ))}
          </ul>
        )}
      {canWrite && (
        <AddForm label={t('interview.feedbackAdd')} submitLabel={t('interview.feedbackSubmit')} disabled={!canWrite} testId="feedback-add"
          onAdd={(text) => addClientFeedback(map, { text, createdBy: user.id })} />
      )}
    </div>
  );
}
