import { useRef, useState } from 'react';
import type { PublicUser } from '../../../shared/domain/access.ts';
import { disableUser, isApiError, issueResetLink, listAccountRequests, listUsers, type AdminUser, type ApiErrorCode, type CreatedUser } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import { Alert, Button, ConfirmDialog, Notice, Panel, StatusPill } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { ForbiddenPage, PageForError } from '../errors/ErrorPages.tsx';
import { AccountRequests } from './AccountRequests.tsx';
import { CreateUserForm } from './CreateUserForm.tsx';
import { OneTimeLink } from './OneTimeLink.tsx';
import { OrgSettingsPanel } from './OrgSettingsPanel.tsx';

/**
 * Route `/beheer`: accounts of the organisation. The administrator creates accounts and disables
 * them, hands out new password links and answers owners' account requests. Without a mail server
 * a one-time link is shown here once, right after it was made; cycles and their content never.
 */
export function AdminPage({ user }: { user: PublicUser }) {
  useDocumentTitle(t('admin.title'));
  if (!user.isAdmin) return <ForbiddenPage code="not_admin" isAdmin={false} />;
  return <AdminOverview user={user} />;
}

function AdminOverview({ user }: { user: PublicUser }) {
  const [users, { reload }] = useResource(listUsers, `users:${user.id}`);
  const [pending, setPending] = useState<AdminUser | null>(null);
  const [disabling, setDisabling] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [link, setLink] = useState<{ name: string; link: string } | null>(null);
  const [requests, requestControls] = useResource(listAccountRequests, `requests:${user.id}`);
  const [prefill, setPrefill] = useState<{ email: string; name: string } | null>(null);

  const onCreated = (created: CreatedUser): void => {
    setFailure(null);
    const name = created.user.name;
    const parts = [t(created.delivery === 'mail' ? 'admin.createdMailed' : 'admin.created', { name })];
    if (created.joinedCycles > 0) parts.push(t('admin.joinedCycles', { name }));
    setNotice(parts.join(' '));
    setLink(created.delivery === 'link' ? { name, link: created.link } : null);
    reload();
    requestControls.reload();
  };

  const newResetLink = async (target: AdminUser): Promise<void> => {
    setNotice(null);
    setFailure(null);
    try {
      const result = await issueResetLink(target.id);
      if (result.delivery === 'link') setLink({ name: target.name, link: result.link });
      else setNotice(t('admin.resetMailed', { name: target.name }));
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
    }
  };

  const confirmDisable = async (): Promise<void> => {
    if (pending === null) return;
    setDisabling(true);
    setFailure(null);
    try {
      await disableUser(pending.id);
      setNotice(t('admin.disabledNotice', { name: pending.name }));
      reload();
      queueMicrotask(() => headingRef.current?.focus());
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
    } finally {
      setPending(null);
      setDisabling(false);
    }
  };

  return (
    <div className="page" data-testid="admin">
      <div className="page__header">
        <h1 className="page__title">{t('admin.heading')}</h1>
        <p className="page__intro">{t('admin.intro')}</p>
      </div>
      <div className="page__grid">
        <section aria-labelledby="users-heading">
          <h2 className="section__title" id="users-heading" tabIndex={-1} ref={headingRef}>{t('admin.usersHeading')}</h2>
          {notice !== null && <Notice data-testid="admin-notice">{notice}</Notice>}
          {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
          {link !== null && <OneTimeLink name={link.name} link={link.link} />}
          {users.status === 'loading' && <p className="page__loading" aria-busy="true">{t('admin.loading')}</p>}
          {users.status === 'error' && <PageForError error={users.error} isAdmin onRetry={reload} />}
          {users.status === 'ready' && (
            <div className="table-wrap">
              <table className="table" aria-label={t('admin.tableLabel')} data-testid="user-list">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.col.name')}</th>
                    <th scope="col">{t('admin.col.email')}</th>
                    <th scope="col">{t('admin.col.kind')}</th>
                    <th scope="col">{t('admin.col.status')}</th>
                    <th scope="col"><span className="visually-hidden">{t('admin.col.actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.map((u) => (
                    <tr key={u.id} data-testid="user-row" data-email={u.email} data-disabled={String(u.disabled)}>
                      <th scope="row">{u.name}</th>
                      <td>{u.email}</td>
                      <td>{u.isAdmin ? t('admin.kind.admin') : t('admin.kind.user')}</td>
                      <td>
                        <StatusPill tone={u.disabled ? 'neutral' : 'positive'}>
                          {u.disabled ? t('admin.status.disabled') : t('admin.status.active')}
                        </StatusPill>
                      </td>
                      <td>
                        {!u.disabled && u.id !== user.id && (
                          <>
                            <Button variant="link" aria-label={t('admin.resetLinkLabel', { name: u.name })} onClick={() => void newResetLink(u)}>
                              {t('admin.resetLink')}
                            </Button>
                            <Button variant="link" aria-label={t('admin.disableLabel', { name: u.name })}
                              onClick={() => { setNotice(null); setPending(u); }}>
                              {t('admin.disable')}
                            </Button>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <div>
          <Panel title={t('admin.createHeading')}>
            <CreateUserForm key={prefill ? prefill.email : ''} initial={prefill} onCreated={onCreated} />
          </Panel>
          <AccountRequests requests={requests.status === 'ready' ? requests.data : []} onUse={setPrefill} />
          <OrgSettingsPanel userId={user.id} />
        </div>
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={t('admin.confirmTitle')}
        body={<p>{t('admin.confirmBody', { name: pending?.name ?? '' })}</p>}
        confirmLabel={t('admin.confirm')}
        cancelLabel={t('common.cancel')}
        busy={disabling}
        onConfirm={() => void confirmDisable()}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}
