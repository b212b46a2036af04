import { partIds, partRules, type PartId } from '../../../shared/access/rules.ts';
import type { EditGroup } from '../../../shared/domain/access.ts';
import { formatDateTime, isoDateTime } from '../../ui/format.ts';
import { t } from '../../ui/i18n/nl.ts';

const isPart = (p: string): p is PartId => (partIds as string[]).includes(p);

/** "wijzigde het verslag, de agenda": the parts in the rule table's own Dutch words. */
function describeParts(parts: readonly string[]): string {
  return parts.filter(isPart).map((p) => partRules[p].label).join(', ');
}

/** "Wie wijzigde wat": per person and hour, which parts of the shared cycle they changed. */
export function EditsTable({ edits }: { edits: readonly EditGroup[] }) {
  return (
    <section className="page__section" data-testid="edit-log">
      <h2>{t('access.edits.heading')}</h2>
      <p className="page__intro">{t('access.edits.intro')}</p>
      {edits.length === 0 ? (
        <p className="empty">{t('access.edits.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label={t('access.edits.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('access.edits.col.hour')}</th>
                <th scope="col">{t('access.edits.col.person')}</th>
                <th scope="col">{t('access.edits.col.what')}</th>
                <th scope="col">{t('access.edits.col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {edits.map((e) => (
                <tr key={`${e.userId}:${e.hour}`} data-testid="edit-entry">
                  <td><time dateTime={isoDateTime(e.hour)}>{formatDateTime(e.hour)}</time></td>
                  <td>{e.name ?? t('access.unknownPerson')}</td>
                  <td>{describeParts(e.parts)}</td>
                  <td>{e.updates}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
