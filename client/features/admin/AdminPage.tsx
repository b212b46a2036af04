import { useRef, useState, type FormEvent } from 'react';
import type { PublicUser } from '../../../shared/domain/access.ts';
import { createUserBody } from '../../../shared/protocol/http.ts';
import { createUser, disableUser, isApiError, listUsers, type AdminUser, type ApiErrorCode } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import { Alert, Button, ConfirmDialog, Field, Notice, Panel, StatusPill } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { ForbiddenPage, PageForError } from '../errors/ErrorPages.tsx';

/**
 * Route `/beheer`: accounts of the organisation. The administrator creates accounts (the server
 * logs a one-time invite link) and disables them; cycles and their content are not shown here.
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
                          <Button variant="link" aria-label={t('admin.disableLabel', { name: u.name })}
                            onClick={() => { setNotice(null); setPending(u); }}>
                            {t('admin.disable')}
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <Panel title={t('admin.createHeading')}>
          <CreateUserForm onCreated={(created) => {
            setFailure(null);
            setNotice(t('admin.created', { name: created.name }));
            reload();
          }} />
        </Panel>
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

function CreateUserForm({ onCreated }: { onCreated: (user: PublicUser) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<{ name: string | null; email: string | null }>({ name: null, email: null });
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = createUserBody.safeParse({ name, email });
    if (!parsed.success) {
      const bad = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      setErrors({
        name: bad.has('name') ? t('common.required') : null,
        email: bad.has('email') ? (email.trim() === '' ? t('common.required') : t('common.emailInvalid')) : null,
      });
      return;
    }
    setErrors({ name: null, email: null });
    setFailure(null);
    setBusy(true);
    try {
      const created = await createUser(parsed.data.email, parsed.data.name);
      setName('');
      setEmail('');
      onCreated(created);
    } catch (error) {
      const code = isApiError(error) ? error.code : 'unexpected_response';
      if (code === 'user_exists') setErrors({ name: null, email: errorMessage(code) });
      else setFailure(code);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="create-user-form">
      <Field label={t('admin.createName')} error={errors.name}>
        {(props) => (
          <input {...props} className="field__input" name="name" value={name} maxLength={120} autoComplete="off"
            required onChange={(event) => setName(event.target.value)} />
        )}
      </Field>
      <Field label={t('admin.createEmail')} error={errors.email}>
        {(props) => (
          <input {...props} className="field__input" type="email" name="email" value={email} maxLength={254}
            autoComplete="off" spellCheck={false} required onChange={(event) => setEmail(event.target.value)} />
        )}
      </Field>
      {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
      <div className="form__actions">
        <Button type="submit" busy={busy}>{t('admin.createSubmit')}</Button>
      </div>
    </form>
  );
}
