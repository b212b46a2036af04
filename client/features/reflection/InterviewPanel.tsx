/**
 * Cliëntinterview (step 3 of the app, steps 4–5 of the method): only with the client's consent to
 * be approached. The interview is confidential: its notes live in their own document that only
 * researchers receive (DOCACCESS-4). The klantmanager and colleagues see only what the
 * interviewer passed on ("Doorgegeven door de interviewer").
 */
import { mayReadDoc } from '../../../shared/access/rules.ts';
import type { ConsentUse } from '../../../shared/domain/consent.ts';
import { clientInterviewPrinciples } from '../../../shared/kijkwijzer/analysis.ts';
import { Alert } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { ClientFeedbackList } from './ClientFeedbackList.tsx';
import { useInterviewConsent } from './consent.ts';
import type { ReflectionProps } from './context.ts';
import { InterviewWorkspace } from './InterviewWorkspace.tsx';

export function InterviewPanel(props: ReflectionProps) {
  const { cycle, user } = props;
  const [consent, reload] = useInterviewConsent(cycle.id);
  const given = consent.status === 'ready' && consent.data.given;
  // Only to choose what to show: the server decides who receives the interview document.
  const granted = new Set<ConsentUse>(given ? ['clientInterview'] : []);
  const researcher = given && mayReadDoc({ userId: user.id, role: cycle.myRole, granted }, 'interview');

  return (
    <section className="panel reflection" aria-labelledby="interview-heading" data-testid="interview"
      data-consent={consent.status === 'ready' ? String(consent.data.given) : ''}>
      <h2 className="panel__title" id="interview-heading">{t('interview.heading')}</h2>
      {consent.status === 'loading' && <p className="page__loading" aria-busy="true">{t('interview.checking')}</p>}
      {consent.status === 'error' && <Alert tone="warning">{errorMessage(consent.error.code)}</Alert>}
      {consent.status === 'ready' && !consent.data.given && (
        <div className="reflection__blocked" data-testid="interview-no-consent" role="note">
          <p><strong>{t('interview.noConsentTitle')}</strong></p>
          <p>{consent.data.reason === 'refused' ? consent.data.message : t('interview.noConsentYet')}</p>
          <p className="reflection__note">{clientInterviewPrinciples[0]}</p>
          <button type="button" className="button button--secondary" onClick={reload}>{t('interview.checkAgain')}</button>
        </div>
      )}
      {researcher && <InterviewWorkspace {...props} />}
      {given && !researcher && (
        <>
          <p className="reflection__note" data-testid="interview-confidential" role="note">{t('interview.confidential')}</p>
          <ClientFeedbackList session={props.session} />
        </>
      )}
    </section>
  );
}
