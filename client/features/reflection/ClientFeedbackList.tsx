/**
 * "Doorgegeven door de interviewer": the client's feedback as the interviewer passed it on, the
 * agenda's third pillar. Read from the shared cycle document, where only the server writes it;
 * a point passed on "zonder citaat" holds only the paraphrase. Every member sees this list; the
 * interview notes themselves stay with the researchers.
 */
import { agendaBySource } from '../../../shared/domain/cycle-doc/pillars.ts';
import type { CollabSession } from '../../collab/index.ts';
import { t } from '../../ui/i18n/nl.ts';
import { useAgenda, useClientFeedback } from './doc.ts';

export function ClientFeedbackList({ session }: { session: CollabSession }) {
  const feedback = useClientFeedback(session);
  const onAgenda = agendaBySource(useAgenda(session));
  return (
    <div className="reflection__group" data-testid="client-feedback">
      <h3 className="reflection__subheading" id="client-feedback-heading">{t('interview.passedOn')}</h3>
      {feedback.length === 0
        ? <p className="empty">{t('interview.passedOnEmpty')}</p>
        : (
          <ul className="reflection__list" aria-labelledby="client-feedback-heading">
            {feedback.map((f) => (
              <li key={f.id} className="reflection__item" data-testid="passed-feedback" data-id={f.id} data-mode={f.mode}>
                <span data-testid="passed-feedback-text">{f.text}</span>
                {f.mode === 'zonderCitaat' && <span className="badge">{t('interview.withoutQuote')}</span>}
                {onAgenda.has(f.id) && <span className="badge badge--positive">{t('agenda.onAgenda')}</span>}
              </li>
            ))}
          </ul>
        )}
    </div>
  );
}
