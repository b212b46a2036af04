/** React root: providers and the route switch only; screens live in `features/`. */
import { StrictMode, useEffect, useLayoutEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminPage } from './features/admin/AdminPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { PasswordPage } from './features/auth/PasswordPage.tsx';
import { loadSession, useAuth, type AuthState } from './features/auth/session.ts';
import { TopBar } from './features/auth/TopBar.tsx';
import { AccessLogPage } from './features/cycles/AccessLogPage.tsx';
import { CyclePage } from './features/cycles/CyclePage.tsx';
import { CyclesPage } from './features/cycles/CyclesPage.tsx';
import { DeletionReceiptPage } from './features/cycles/DeletionReceiptPage.tsx';
import { NotFoundPage } from './features/errors/ErrorPages.tsx';
import { PrintPage } from './features/export/PrintPage.tsx';
import { ClientFragmentsPage } from './features/fragment-link/ClientFragmentsPage.tsx';
import { LeeragendaPage, SharedLeeragendaPage } from './features/leeragenda/LeeragendaPage.tsx';
import { ClientFormPage } from './features/client-form/ClientFormPage.tsx';
import { PortalPage } from './features/portal/PortalPage.tsx';
import {
  loginPathFor,
  matchRoute,
  navigate,
  paths,
  returnParam,
  safeReturnPath,
  usePathname,
  useSearch,
  type Route,
} from './routing/router.ts';
import { Alert, AppShell, Button } from './ui/primitives.tsx';
import { errorMessage, t } from './ui/i18n/nl.ts';
import './ui/styles.css';

function Redirect({ to }: { to: string }) {
  // Layout effect: replace the URL before the browser paints an empty page.
  useLayoutEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function SessionError({ code }: { code: Extract<AuthState, { status: 'error' }>['code'] }) {
  return (
    <div className="page page--narrow">
      <h1 className="page__title">{t('error.heading')}</h1>
      <Alert tone="danger">{errorMessage(code)}</Alert>
      <p><Button variant="secondary" onClick={() => void loadSession()}>{t('common.retry')}</Button></p>
    </div>
  );
}

function Routes({ auth, route, pathname }: { auth: AuthState; route: Route; pathname: string }) {
  const search = useSearch();
  // The client's portal needs no account and does not wait for one (PORTAL-2).
  if (route.name === 'clientPortal') return <PortalPage />;
  // The client has no account: the page works the same whoever is logged in in this browser.
  if (route.name === 'clientFragments') return <ClientFragmentsPage />;
  if (auth.status === 'loading') return <p className="page__loading" aria-busy="true">{t('app.loading')}</p>;
  if (auth.status === 'error') return <SessionError code={auth.code} />;

  if (auth.status === 'anonymous') {
    if (route.name === 'login') return <LoginPage expired={auth.expired} />;
    if (route.name === 'password') return <PasswordPage />;
    if (route.name === 'notFound') return <NotFoundPage signedIn={false} />;
    // Everything else needs a login first; afterwards the person comes back here.
    return <Redirect to={auth.loggedOut || route.name === 'home' ? paths.login : loginPathFor(pathname + search)} />;
  }

  const { user } = auth;
  const home = user.isAdmin ? paths.admin : paths.cycles;
  switch (route.name) {
    case 'home':
      return <Redirect to={home} />;
    case 'login':
      return <Redirect to={safeReturnPath(new URLSearchParams(search).get(returnParam)) ?? home} />;
    case 'password':
      return <PasswordPage />;
    case 'cycles':
      return <CyclesPage user={user} />;
    case 'cycle':
      // Keyed so that switching cycles starts from a clean page state.
      return <CyclePage key={route.cycleId} cycleId={route.cycleId} user={user} step={route.step} />;
    case 'cycleAccess':
      return <AccessLogPage key={route.cycleId} cycleId={route.cycleId} user={user} />;
    case 'cyclePrint':
      return <PrintPage key={route.cycleId} cycleId={route.cycleId} />;
    case 'leeragenda':
      return <LeeragendaPage user={user} />;
    case 'leeragendaOf':
      return <SharedLeeragendaPage key={route.ownerId} ownerId={route.ownerId} user={user} />;
    case 'admin':
      return <AdminPage user={user} />;
    case 'clientForm':
      return <ClientFormPage key={route.recordingId} cycleId={route.cycleId} recordingId={route.recordingId} />;
    case 'deletionReceipt':
      return <DeletionReceiptPage receipt={route.receipt} />;
    case 'notFound':
      return <NotFoundPage isAdmin={user.isAdmin} />;
  }
}

let sessionRequested = false;

function App() {
  const auth = useAuth();
  const pathname = usePathname();
  const route = matchRoute(pathname);

  useEffect(() => {
    // Once per page load (StrictMode runs effects twice in development).
    if (sessionRequested) return;
    sessionRequested = true;
    void loadSession();
  }, []);

  // After an in-app navigation, move focus to the new page like a page load would, so keyboard
  // and screen-reader users start at the top of the new content.
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    const main = document.getElementById('inhoud');
    if (main !== null && !main.contains(document.activeElement)) main.focus();
  }, [pathname]);

  const header = auth.status === 'authenticated' && route.name !== 'login' && route.name !== 'password' && route.name !== 'clientPortal' && route.name !== 'clientFragments' ? <TopBar user={auth.user} pathname={pathname} /> : undefined;
  return (
    <AppShell appName={t('app.name')} tagline={t('app.tagline')} skipLabel={t('app.skipToContent')} header={header}>
      <Routes auth={auth} route={route} pathname={pathname} />
    </AppShell>
  );
}

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
