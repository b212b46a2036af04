/**
 * A klantmanager's cycles over time, each with what they took along and whether the next
 * conversation with the same client found it applied: the persoonlijke leeragenda.
 */
import { takeawayKindLabels } from '../../../shared/kijkwijzer/reflection.ts';
import type { LeeragendaCycle, ReviewedTakeaway } from '../../api/reflection.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { formatDateTime, isoDateTime } from '../../ui/format.ts';
import { t } from '../../ui/i18n/nl.ts';

function appliedText(item: ReviewedTakeaway, hasNext: boolean): string {
  if (!hasNext) return t('leeragenda.noFollowUp');
  return item.applied === null ? t('summary.notChecked') : t(`leeragenda.applied.${item.applied}`);
}

export function CycleTimeline({ cycles, linkCycles }: { cycles: readonly LeeragendaCycle[]; linkCycles: boolean }) {
  if (cycles.length === 0) return <p className="empty" data-testid="leeragenda-empty">{t('leeragenda.empty')}</p>;
  // Oldest first: a learning agenda reads as a path over time.
  const ordered = [...cycles].sort((a, b) => a.createdAt - b.createdAt);
  return (
    <ol className="timeline" data-testid="leeragenda-cycles">
      {ordered.map((c) => (
        <li key={c.id} className="timeline__cycle" data-testid="leeragenda-cycle" data-id={c.id}>
          <h2 className="timeline__title">
            {linkCycles ? <Link href={paths.cycle(c.id)}>{c.title}</Link> : c.title}
          </h2>
          <p className="timeline__meta">
            <time dateTime={isoDateTime(c.createdAt)}>{formatDateTime(c.createdAt)}</time>
            {c.counterpart && <> · {t('cycle.with', { counterpart: c.counterpart })}</>}
            {' · '}{t(`cycleStatus.${c.status}`)}
            {c.nextCycleId !== null && <> · {t('leeragenda.hasNext')}</>}
          </p>
          {c.takeaways.length === 0
            ? <p className="empty">{t('leeragenda.noTakeaways')}</p>
            : (
              <ul className="timeline__takeaways" aria-label={t('leeragenda.takeawaysOf', { title: c.title })}>
                {c.takeaways.map((item) => (
                  <li key={item.id} className="timeline__takeaway" data-testid="leeragenda-takeaway" data-id={item.id}
                    data-applied={c.nextCycleId === null ? 'no-next' : item.applied ?? ''}>
                    <span className="badge">{takeawayKindLabels[item.kind]}</span>{' '}
                    <span className="timeline__text">{item.text}</span>{' '}
                    <span className={`badge${item.applied === 'ja' ? ' badge--positive' : item.applied === 'nee' ? ' badge--concern' : ''}`} data-testid="leeragenda-applied">
                      {appliedText(item, c.nextCycleId !== null)}
                    </span>
                    {item.note && <p className="timeline__note">{item.note}</p>}
                  </li>
                ))}
              </ul>
            )}
        </li>
      ))}
    </ol>
  );
}
