import type { ApiError, ApiErrorCode } from '../../api/index.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { Alert, Button } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';

function HomeLink({ isAdmin }: { isAdmin: boolean }) {
  return isAdmin
    ? <Link href={paths.admin}>{t('notFound.backAdmin')}</Link>
    : <Link href={paths.cycles}>{t('notFound.back')}</Link>;
}

export function NotFoundPage({ isAdmin = false, signedIn = true }: { isAdmin?: boolean; signedIn?: boolean }) {
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page page--narrow" data-testid="not-found">
      <h1 className="page__title">{t('notFound.heading')}</h1>
      <p>{t('notFound.body')}</p>
      <p>{signedIn ? <HomeLink isAdmin={isAdmin} /> : <Link href={paths.login}>{t('password.backToLogin')}</Link>}</p>
    </div>
  );
}

/**
 * "Geen toegang": the server's own reason in Dutch (not a member; or an administrator, who
 * never sees content), and what the person can do about it.
 */
export function ForbiddenPage({ code, isAdmin }: { code: ApiErrorCode; isAdmin: boolean }) {
  useDocumentTitle(t('forbidden.title'));
  return (
    <div className="page page--narrow" data-testid="forbidden" data-code={code}>
      <h1 className="page__title">{t('forbidden.heading')}</h1>
      <Alert tone="danger">{errorMessage(code)}</Alert>
      {code === 'forbidden' && <p>{t('forbidden.hint')}</p>}
      <p><HomeLink isAdmin={isAdmin} /></p>
    </div>
  );
}

/** Any other failure to load a page's data: the reason, and a way to try again. */
export function LoadErrorPage({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  useDocumentTitle(t('error.heading'));
  return (
    <div className="page page--narrow" data-testid="load-error" data-code={error.code}>
      <h1 className="page__title">{t('error.heading')}</h1>
      <Alert tone="danger">{errorMessage(error.code)}</Alert>
      <p><Button variant="secondary" onClick={onRetry}>{t('common.retry')}</Button></p>
    </div>
  );
}

/** Picks the right page for a failed load of something that belongs to a cycle. */
export function PageForError({ error, isAdmin, onRetry }: { error: ApiError; isAdmin: boolean; onRetry: () => void }) {
  switch (error.code) {
    case 'forbidden':
    case 'admin_no_content':
    case 'not_owner':
    case 'role_not_allowed':
    case 'not_admin':
      return <ForbiddenPage code={error.code} isAdmin={isAdmin} />;
    case 'not_found':
      return <NotFoundPage isAdmin={isAdmin} />;
    case 'unauthenticated':
      // The session store has already noticed; the router is on its way to the login page.
      return null;
    default:
      return <LoadErrorPage error={error} onRetry={onRetry} />;
  }
}
