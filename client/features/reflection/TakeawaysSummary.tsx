/**
 * At the top of a cycle: this cycle's aandachtspunten, and the intentions from last time with
 * whether they were applied — what the method keeps in view from one conversation to the next.
 * One line (with the texts) until opened, so the video below keeps its place on the screen.
 */
import type { CycleSummary } from '../../../shared/domain/access.ts';
import { takeawayKindLabels } from '../../../shared/kijkwijzer/reflection.ts';
import { fetchPrevious } from '../../api/reflection.ts';
import { useResource } from '../../api/useResource.ts';
import type { CollabSession } from '../../collab/index.ts';
import { t } from '../../ui/i18n/nl.ts';
import { useReviews, useTakeaways } from './doc.ts';
import './reflection.css';

export function TakeawaysSummary({ session, cycle }: { session: CollabSession; cycle: CycleSummary }) {
  const takeaways = useTakeaways(session);
  const reviews = useReviews(session);
  const [previous] = useResource(() => fetchPrevious(cycle.id), `previous:${cycle.id}`);
  const earlier = previous.status === 'ready' ? previous.data.takeaways : [];
  const applied = earlier.filter((item) => reviews.get(item.id)?.applied === 'ja').length;

  if (takeaways.length === 0 && earlier.length === 0) return null;
  return (
    <details className="takeaways-summary" data-testid="takeaways-summary">
      <summary className="takeaways-summary__line">
        {takeaways.length > 0 && (
          <span className="takeaways-summary__part">
            <strong>{t('summary.nowCount', { count: takeaways.length })}</strong> {takeaways.map((item) => item.text).join(' · ')}
          </span>
        )}
        {earlier.length > 0 && (
          <span className="takeaways-summary__part">
            <strong>{t('summary.previousCount', { applied, total: earlier.length })}</strong>
          </span>
        )}
      </summary>
      <div className="takeaways-summary__body">
        {takeaways.length > 0 && (
          <div className="takeaways-summary__group">
            <h2 className="takeaways-summary__title">{t('summary.now')}</h2>
            <ul className="takeaways-summary__list">
              {takeaways.map((item) => (
                <li key={item.id} data-testid="summary-takeaway" data-id={item.id}>
                  <span className="badge">{takeawayKindLabels[item.kind]}</span> {item.text}
                </li>
              ))}
            </ul>
          </div>
        )}
        {earlier.length > 0 && (
          <div className="takeaways-summary__group">
            <h2 className="takeaways-summary__title">{t('summary.previous')}</h2>
            <ul className="takeaways-summary__list">
              {earlier.map((item) => {
                const answer = reviews.get(item.id)?.applied ?? null;
                return (
                  <li key={item.id} data-testid="summary-previous" data-id={item.id} data-applied={answer ?? ''}>
                    {item.text}{' '}
                    <span className={`badge${answer === 'ja' ? ' badge--positive' : answer === 'nee' ? ' badge--concern' : ''}`}>
                      {answer === null ? t('summary.notChecked') : t(`previous.applied.${answer}`)}
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </div>
    </details>
  );
}
