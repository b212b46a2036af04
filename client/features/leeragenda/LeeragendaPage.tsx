/**
 * Routes `/leeragenda` (my own) and `/leeragenda/:ownerId` (someone who shared theirs with me).
 * The leeragenda belongs to the klantmanager: only they and whom they share it with see it,
 * never a manager or the administrator by role. Sharing is theirs to give and to take back.
 */
import { useState, type FormEvent } from 'react';
import type { PublicUser } from '../../../shared/domain/access.ts';
import { email as emailSchema } from '../../../shared/protocol/http.ts';
import { isApiError, type ApiErrorCode } from '../../api/index.ts';
import { fetchOwnLeeragenda, fetchSharedLeeragenda, shareLeeragenda, unshareLeeragenda, type SharePerson } from '../../api/reflection.ts';
import { useResource } from '../../api/useResource.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { Alert, Button, Field, Notice, Panel } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { PageForError } from '../errors/ErrorPages.tsx';
import { CycleTimeline } from './CycleTimeline.tsx';
import './leeragenda.css';

export function LeeragendaPage({ user }: { user: PublicUser }) {
  useDocumentTitle(t('leeragenda.title'));
  const [data, { reload, set }] = useResource(fetchOwnLeeragenda, `leeragenda:${user.id}`);
  if (data.status === 'loading') return <p className="page__loading" aria-busy="true">{t('leeragenda.loading')}</p>;
  if (data.status === 'error') return <PageForError error={data.error} isAdmin={user.isAdmin} onRetry={reload} />;
  const { cycles, sharedWith, sharedWithMe } = data.data;
  return (
    <div className="page leeragenda" data-testid="leeragenda" data-owner={user.id}>
      <div className="page__header">
        <h1 className="page__title">{t('leeragenda.heading')}</h1>
        <p className="page__intro">{t('leeragenda.intro')}</p>
      </div>
      <div className="page__grid">
        <CycleTimeline cycles={cycles} linkCycles />
        <div className="leeragenda__aside">
          <SharePanel sharedWith={sharedWith} onChange={(next) => set((d) => ({ ...d, sharedWith: next }))} />
          <Panel title={t('leeragenda.sharedWithMe')}>
            {sharedWithMe.length === 0
              ? <p className="empty" data-testid="shared-with-me-empty">{t('leeragenda.sharedWithMeEmpty')}</p>
              : (
                <ul className="leeragenda__people" data-testid="shared-with-me">
                  {sharedWithMe.map((p) => (
                    <li key={p.userId}><Link href={paths.leeragendaOf(p.userId)} data-testid="shared-leeragenda-link" data-owner={p.userId}>{t('leeragenda.of', { name: p.name })}</Link></li>
                  ))}
                </ul>
              )}
          </Panel>
        </div>
      </div>
    </div>
  );
}

export function SharedLeeragendaPage({ ownerId, user }: { ownerId: string; user: PublicUser }) {
  const [data, { reload }] = useResource(() => fetchSharedLeeragenda(ownerId), `leeragenda-of:${ownerId}:${user.id}`);
  useDocumentTitle(data.status === 'ready' ? t('leeragenda.of', { name: data.data.owner.name }) : t('leeragenda.title'));
  if (data.status === 'loading') return <p className="page__loading" aria-busy="true">{t('leeragenda.loading')}</p>;
  if (data.status === 'error') {
    if (isApiError(data.error, 'forbidden')) {
      return (
        <div className="page page--narrow" data-testid="leeragenda-forbidden">
          <h1 className="page__title">{t('leeragenda.title')}</h1>
          <Alert tone="danger">{t('leeragenda.notShared')}</Alert>
          <p><Link href={paths.leeragenda}>{t('leeragenda.toOwn')}</Link></p>
        </div>
      );
    }
    return <PageForError error={data.error} isAdmin={user.isAdmin} onRetry={reload} />;
  }
  return (
    <div className="page leeragenda" data-testid="leeragenda-shared" data-owner={ownerId}>
      <div className="page__header">
        <p className="page__eyebrow"><Link href={paths.leeragenda}>{t('leeragenda.toOwn')}</Link></p>
        <h1 className="page__title">{t('leeragenda.of', { name: data.data.owner.name })}</h1>
        <p className="page__intro">{t('leeragenda.sharedIntro', { name: data.data.owner.name })}</p>
      </div>
      <CycleTimeline cycles={data.data.cycles} linkCycles={false} />
    </div>
  );
}

function SharePanel({ sharedWith, onChange }: { sharedWith: readonly SharePerson[]; onChange: (next: SharePerson[]) => void }) {
  const [address, setAddress] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<SharePerson[]>, message: string): Promise<void> => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      onChange(await action());
      setNotice(message);
    } catch (error) {
      setFailure(isApiError(error) ? error.code : 'unexpected_response');
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = emailSchema.safeParse(address);
    if (!parsed.success) return setFieldError(t('common.emailInvalid'));
    setFieldError(null);
    void run(() => shareLeeragenda(parsed.data), t('leeragenda.shared', { email: parsed.data })).then(() => setAddress(''));
  };

  return (
    <Panel title={t('leeragenda.shareHeading')} data-testid="leeragenda-share">
      <p className="reflection__note">{t('leeragenda.shareIntro')}</p>
      {sharedWith.length === 0
        ? <p className="empty" data-testid="shared-with-empty">{t('leeragenda.notSharedYet')}</p>
        : (
          <ul className="leeragenda__people" data-testid="shared-with">
            {sharedWith.map((p) => (
              <li key={p.userId} data-testid="shared-with-person" data-user-id={p.userId}>
                {p.name}{' '}
                <Button variant="link" busy={busy} aria-label={t('leeragenda.unshareLabel', { name: p.name })}
                  onClick={() => void run(() => unshareLeeragenda(p.userId), t('leeragenda.unshared', { name: p.name }))}>
                  {t('leeragenda.unshare')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      <form className="form" onSubmit={submit} noValidate data-testid="leeragenda-share-form">
        <Field label={t('leeragenda.shareEmail')} hint={t('leeragenda.shareHint')} error={fieldError}>
          {(props) => <input {...props} className="field__input" type="email" value={address} autoComplete="off" onChange={(e) => setAddress(e.target.value)} />}
        </Field>
        {failure !== null && <Alert tone="danger">{errorMessage(failure)}</Alert>}
        {notice !== null && <Notice>{notice}</Notice>}
        <div className="form__actions"><Button type="submit" busy={busy}>{t('leeragenda.share')}</Button></div>
      </form>
    </Panel>
  );
}
