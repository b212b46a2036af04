import type { AccountRequest } from '../../api/index.ts';
import { Button, Panel } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';

/** Owners' requests for an account: who asked for whom, in which role; never which cycle. */
export function AccountRequests({ requests, onUse }: { requests: readonly AccountRequest[]; onUse: (r: { email: string; name: string }) => void }) {
  return (
    <Panel title={t('admin.requestsHeading')} data-testid="account-requests">
      <p className="page__intro">{t('admin.requestsIntro')}</p>
      {requests.length === 0 ? (
        <p className="empty">{t('admin.requestsEmpty')}</p>
      ) : (
        <ul className="requests">
          {requests.map((r) => (
            <li key={r.id} data-testid="account-request" data-email={r.email}>
              {t('admin.request', { requester: r.requesterName, name: r.name || r.email, email: r.email, role: r.role })}{' '}
              <Button variant="link" onClick={() => onUse({ email: r.email, name: r.name })}>{t('admin.requestUse')}</Button>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
