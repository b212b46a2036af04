/** React root: providers and the route switch only; screens live in `features/`. */
import { StrictMode, useLayoutEffect, type MouseEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { DocumentPage } from './features/document/DocumentPage.tsx';
import { defaultDocumentPath, matchRoute, navigate, usePathname } from './routing/router.ts';
import { AppShell } from './ui/primitives.tsx';
import { t } from './ui/i18n/nl.ts';
import './ui/styles.css';

function Redirect({ to }: { to: string }) {
  // Layout effect: replace the URL before the browser paints an empty page.
  useLayoutEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotFound() {
  const goHome = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    navigate(defaultDocumentPath);
  };
  return (
    <div className="document-page">
      <h1 className="document-page__title">{t('notFound.heading')}</h1>
      <p>{t('notFound.body')}</p>
      <p><a href={defaultDocumentPath} onClick={goHome}>{t('notFound.back')}</a></p>
    </div>
  );
}

function Routes() {
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'redirect':
      return <Redirect to={route.to} />;
    case 'document':
      // Keyed so that switching documents starts from a clean page state.
      return <DocumentPage key={route.docName} docName={route.docName} />;
    case 'notFound':
      return <NotFound />;
  }
}

function App() {
  return (
    <AppShell appName={t('app.name')} tagline={t('app.tagline')} skipLabel={t('app.skipToContent')}>
      <Routes />
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
