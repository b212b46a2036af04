/**
 * Route `/client`: the client's own place, without an account (PORTAL-*). The client types the
 * code from the paper form, or arrives by the QR code with the code in the URL fragment, which is
 * read once and removed from the address bar at once (`history.replaceState`) so it stays out of
 * history, bookmarks and screenshots. The session lives only in this tab.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsentUse } from '../../../shared/domain/consent.ts';
import type { ErasureReceipt, ErasureScope, PortalOverview } from '../../../shared/portal/protocol.ts';
import { isApiError } from '../../api/http.ts';
import { fetchPortalOverview, fetchReceipt, forgetPortalSession, openPortalSession, portalToken, portalWithdraw } from '../../api/portal.ts';
import { errorMessage } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { CodeEntry } from './CodeEntry.tsx';
import { Overview } from './Overview.tsx';
import { ReceiptView } from './ReceiptView.tsx';
import './portal.css';

type View =
  | { kind: 'entry'; error: string | null }
  | { kind: 'loading' }
  | { kind: 'overview'; overview: PortalOverview; notice: string | null }
  | { kind: 'receipt'; overview: PortalOverview; receipt: ErasureReceipt };

/** Takes the code out of `#code=…` and clears the fragment; null when there is none. */
function takeCodeFromFragment(): string | null {
  const hash = window.location.hash;
  if (!hash.startsWith('#')) return null;
  const code = new URLSearchParams(hash.slice(1)).get('code');
  window.history.replaceState(window.history.state, '', window.location.pathname);
  return code;
}

const messageOf = (e: unknown) => errorMessage(isApiError(e) ? e.code : 'unexpected_response');

export function PortalPage() {
  const [view, setView] = useState<View>(() => (portalToken() !== null || window.location.hash.includes('code=') ? { kind: 'loading' } : { kind: 'entry', error: null }));
  const [busy, setBusy] = useState(false);
  useDocumentTitle(view.kind === 'receipt' ? 'Bewijs van wissen' : 'Uw opname');

  const load = useCallback(async (notice: string | null = null) => {
    try {
      setView({ kind: 'overview', overview: await fetchPortalOverview(), notice });
    } catch (e) {
      setView({ kind: 'entry', error: isApiError(e, 'client_session_expired') ? errorMessage('client_session_expired') : messageOf(e) });
    }
  }, []);

  const login = useCallback(async (code: string) => {
    setBusy(true);
    try {
      await openPortalSession(code);
      await load();
    } catch (e) {
      setView({ kind: 'entry', error: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }, [load]);

  // Once per page load (StrictMode runs effects twice; the fragment is gone after the first run).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const code = takeCodeFromFragment();
    if (code !== null) void login(code);
    else if (portalToken() !== null) void load();
  }, [login, load]);
  // A QR link opened in a tab that already shows the portal changes only the fragment.
  useEffect(() => {
    const onHash = () => {
      const code = takeCodeFromFragment();
      if (code !== null) void login(code);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [login]);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      if (isApiError(e, 'client_session_expired')) setView({ kind: 'entry', error: errorMessage('client_session_expired') });
      else if (view.kind === 'overview') setView({ ...view, notice: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  const withdraw = (use: ConsentUse) => act(async () => {
    const { overview } = await portalWithdraw({ uses: [use] });
    setView({ kind: 'overview', overview, notice: 'Uw toestemming is ingetrokken. Dit is meteen ingegaan.' });
  });
  const withdrawAll = (scope: ErasureScope) => act(async () => {
    const { overview, receipt } = await portalWithdraw({ all: true, scope });
    if (receipt) setView({ kind: 'receipt', overview, receipt });
    else setView({ kind: 'overview', overview, notice: null });
  });
  const openReceipt = (number: string) => act(async () => {
    if (view.kind !== 'overview') return;
    setView({ kind: 'receipt', overview: view.overview, receipt: await fetchReceipt(number) });
  });
  const leave = () => {
    forgetPortalSession();
    setView({ kind: 'entry', error: null });
  };

  switch (view.kind) {
    case 'loading':
      return <p className="page__loading" aria-busy="true">Even geduld…</p>;
    case 'entry':
      return <CodeEntry error={view.error} busy={busy} onSubmit={(code) => void login(code)} />;
    case 'receipt':
      return <ReceiptView receipt={view.receipt} onBack={() => setView({ kind: 'overview', overview: view.overview, notice: null })} />;
    case 'overview':
      return (
        <Overview overview={view.overview} busy={busy} notice={view.notice} onWithdraw={withdraw} onWithdrawAll={withdrawAll}
          onReceipt={(n) => void openReceipt(n)} onLeave={leave} />
      );
  }
}
