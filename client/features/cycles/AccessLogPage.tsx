import { useState } from 'react';
import type { PublicUser } from '../../../shared/domain/access.ts';
import type { AccessLogEntry } from '../../../shared/domain/audit.ts';
import { accessLogCsvUrl, fetchAuditLog, listMembers } from '../../api/index.ts';
import { useResource } from '../../api/useResource.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { formatDateTime, isoDateTime } from '../../ui/format.ts';
import { Button, StatusPill } from '../../ui/primitives.tsx';
import { hasMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { PageForError } from '../errors/ErrorPages.tsx';
import { AccessLogFilters, noFilters, toQuery, type LogFilters } from './AccessLogFilters.tsx';
import { EditsTable } from './EditsTable.tsx';

function actionLabel(action: string): string {
  const key = `access.action.${action}`;
  return hasMessage(key) ? t(key) : t('access.action.other');
}

/** Route `/cycli/:id/toegang` (owner only): "Wie heeft toegang gehad", filtered and paged on the server. */
export function AccessLogPage({ cycleId, user }: { cycleId: string; user: PublicUser }) {
  useDocumentTitle(t('access.title'));
  const [filters, setFilters] = useState<LogFilters>(noFilters);
  const [page, setPage] = useState(1);
  const query = toQuery(filters, page);
  const [log, { reload }] = useResource(() => fetchAuditLog(cycleId, query), `audit:${cycleId}:${user.id}:${JSON.stringify(query)}`);
  const [members] = useResource(() => listMembers(cycleId), `members:${cycleId}`);
  if (log.status === 'error') return <PageForError error={log.error} isAdmin={user.isAdmin} onRetry={reload} />;
  const pages = log.status === 'ready' ? Math.max(1, Math.ceil(log.data.total / log.data.pageSize)) : 1;
  return (
    <div className="page" data-testid="access-log">
      <nav className="cycle-header__crumbs" aria-label={t('nav.label')}>
        <Link href={paths.cycle(cycleId)}>{t('access.back')}</Link>
      </nav>
      <div className="page__header">
        <h1 className="page__title">{t('access.heading')}</h1>
        <p className="page__intro">{t('access.intro')}</p>
      </div>
      <AccessLogFilters members={members.status === 'ready' ? members.data : []} value={filters} onApply={(f) => { setFilters(f); setPage(1); }} />
      <p>
        <a className="button button--secondary" href={accessLogCsvUrl(cycleId, query)} download data-testid="access-csv">{t('access.csv')}</a>
      </p>
      {log.status === 'loading' && <p className="page__loading" aria-busy="true">{t('access.loading')}</p>}
      {log.status === 'ready' && log.data.entries.length === 0 && <p className="empty">{t('access.empty')}</p>}
      {log.status === 'ready' && log.data.entries.length > 0 && (
        <>
          <p className="page__intro" role="status" data-testid="access-count">{t(log.data.total === 1 ? 'access.countOne' : 'access.count', { total: log.data.total, page: log.data.page, pages })}</p>
          <LogTable entries={log.data.entries} />
          <nav className="pager" aria-label={t('access.pager')}>
            <Button variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('access.previous')}</Button>
            <Button variant="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('access.next')}</Button>
          </nav>
        </>
      )}
      {log.status === 'ready' && <EditsTable edits={log.data.edits} />}
    </div>
  );
}

function LogTable({ entries }: { entries: readonly AccessLogEntry[] }) {
  return (
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
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-entry" data-action={entry.action} data-outcome={entry.outcome}>
              <td><time dateTime={isoDateTime(entry.at)}>{formatDateTime(entry.at, { seconds: true })}</time></td>
              <td>{entry.actorName ?? t('access.unknownPerson')}</td>
              <td>{actionLabel(entry.action)}</td>
              <td>{entry.subject ?? t('common.none')}</td>
              <td>
                <StatusPill tone={entry.outcome === 'allowed' ? 'positive' : 'danger'}>{t(`access.outcome.${entry.outcome}`)}</StatusPill>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
