import { useEffect, useState } from 'react';
import { isApiError, type ApiErrorCode } from '../../api/index.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Alert } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { FragmentPlayer } from './FragmentPlayer.tsx';
import { connectWorker, openClientSession, type ClientSession } from './session.ts';
import './fragment-link.css';

type Page = { status: 'loading' } | { status: 'error'; code: ApiErrorCode | 'no_worker' } | { status: 'ready'; session: ClientSession };

let opening: Promise<ClientSession> | null = null;

/**
 * Route `/kijken`: the page the interviewer opens for the client (`000_*` step 5), without an
 * account. It shows the chosen fragments one after another, each followed by the method's
 * questions; nothing else of the recording can be played from here (FRAGLINK-1, FRAGLINK-2).
 */
export function ClientFragmentsPage() {
  useDocumentTitle(t('clientFragments.title'));
  const [page, setPage] = useState<Page>({ status: 'loading' });
  const [current, setCurrent] = useState(0);

  useEffect(() => {
    // Once per page load: the secret in the address can be exchanged only before it is removed.
    opening ??= openClientSession();
    let active = true;
    opening
      .then(async (session) => {
        try {
          await connectWorker(session.session);
        } catch {
          if (active) setPage({ status: 'error', code: 'no_worker' });
          return;
        }
        if (active) setPage({ status: 'ready', session });
      })
      .catch((error: unknown) => {
        if (active) setPage({ status: 'error', code: isApiError(error) ? error.code : 'unexpected_response' });
      });
    return () => {
      active = false;
    };
  }, []);

  return (
    <div className="page page--narrow client-fragments" data-testid="client-fragments">
      <h1 className="page__title">{t('clientFragments.heading')}</h1>
      {page.status === 'loading' && <p className="page__loading" aria-busy="true">{t('clientFragments.loading')}</p>}
      {page.status === 'error' && (
        <Alert tone="warning" data-testid="client-fragments-error">
          {page.code === 'no_worker' ? t('clientFragments.noWorker') : errorMessage(page.code === 'unexpected_response' ? 'fragment_link_invalid' : page.code)}
        </Alert>
      )}
      {page.status === 'ready' && (
        <>
          <p className="page__intro">{t('clientFragments.intro')}</p>
          <p className="client-fragments__until">{t('clientFragments.until', { until: formatDateTime(page.session.expiresAt) })}</p>
          {page.session.fragments[current] !== undefined && (
            <FragmentPlayer key={current} fragment={page.session.fragments[current]} position={current + 1} total={page.session.fragments.length}
              onNext={current + 1 < page.session.fragments.length ? () => setCurrent(current + 1) : null} />
          )}
          {current + 1 === page.session.fragments.length && <p className="client-fragments__done">{t('clientFragments.last')}</p>}
        </>
      )}
    </div>
  );
}
