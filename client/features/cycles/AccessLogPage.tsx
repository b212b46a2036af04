import type { AuditEntry, EditGroup, PublicUser } from '../../../shared/domain/access.ts';
import { fetchAuditLog, listMembers } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { formatDateTime, isoDateTime } from '../../ui/format.ts';
import { StatusPill } from '../../ui/primitives.tsx';
import { hasMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { PageForError } from '../errors/ErrorPages.tsx';
import { EditsTable } from './EditsTable.tsx';

function actionLabel(action: string): string {
  const key = `access.action.${action}`;
  return hasMessage(key) ? t(key) : t('access.action.other', { action });
}

const memberActions = new Set(['member_added', 'member_removed']);

/**
 * Who a member change was about: the server names the account (also after it left the cycle).
 * Other targets (document names, request lines) say nothing a person needs beyond the action.
 */
function targetLabel(entry: AuditEntry, names: ReadonlyMap<string, string>): string {
  if (entry.target === null || !memberActions.has(entry.action)) return t('common.none');
  return entry.targetName ?? names.get(entry.target) ?? t('access.formerMember');
}

async function loadLog(cycleId: string): Promise<{ entries: AuditEntry[]; edits: EditGroup[]; names: Map<string, string> }> {
  const [log, members] = await Promise.all([fetchAuditLog(cycleId), listMembers(cycleId)]);
  return { ...log, names: new Map(members.map((m) => [m.userId, m.name])) };
}

/** Route `/cycli/:id/toegang` (owner only): "Wie heeft toegang gehad". */
export function AccessLogPage({ cycleId, user }: { cycleId: string; user: PublicUser }) {
  useDocumentTitle(t('access.title'));
  const [log, { reload }] = useResource(() => loadLog(cycleId), `audit:${cycleId}:${user.id}`);
  if (log.status === 'error') return <PageForError error={log.error} isAdmin={user.isAdmin} onRetry={reload} />;
  return (
    <div className="page" data-testid="access-log">
      <nav className="cycle-header__crumbs" aria-label={t('nav.label')}>
        <Link href={paths.cycle(cycleId)}>{t('access.back')}</Link>
      </nav>
      <div className="page__header">
        <h1 className="page__title">{t('access.heading')}</h1>
        <p className="page__intro">{t('access.intro')}</p>
      </div>
      {log.status === 'loading' && <p className="page__loading" aria-busy="true">{t('access.loading')}</p>}
      {log.status === 'ready' && log.data.entries.length === 0 && <p className="empty">{t('access.empty')}</p>}
      {log.status === 'ready' && log.data.entries.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label={t('access.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('access.col.time')}</th>
                <th scope="col">{t('access.col.person')}</th>
                <th scope="col">{t('access.col.action')}</th>
                <th scope="col">{t('access.col.target')}</th>
                <th scope="col">{t('access.col.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-entry" data-action={entry.action} data-outcome={entry.outcome}>
                  <td><time dateTime={isoDateTime(entry.at)}>{formatDateTime(entry.at, { seconds: true })}</time></td>
                  <td>{entry.actorName ?? t('access.unknownPerson')}</td>
                  <td>{actionLabel(entry.action)}</td>
                  <td>{targetLabel(entry, log.data.names)}</td>
                  <td>
                    <StatusPill tone={entry.outcome === 'allowed' ? 'positive' : 'danger'}>
                      {t(`access.outcome.${entry.outcome}`)}
                    </StatusPill>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.status === 'ready' && <EditsTable edits={log.data.edits} />}
    </div>
  );
}
