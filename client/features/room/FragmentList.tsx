/**
 * The cycle's fragments ("terugkijken fragment 6:00–6:30"): play one for everyone, put a
 * reference to it in the report, or remove it.
 */
import type { Fragment } from '../../../shared/domain/cycle-doc/fragments.ts';
import { formatRange } from '../../../shared/domain/cycle-doc/fragments.ts';
import { findTheme } from '../../../shared/kijkwijzer/themes.ts';
import { t } from '../../ui/i18n/nl.ts';

export function FragmentList({ fragments, mediaLabels, currentMediaId, canPlay, canInsert, canDelete, onPlay, onInsert, onDelete }: {
  fragments: readonly Fragment[];
  mediaLabels: ReadonlyMap<string, string>;
  currentMediaId: string | null;
  canPlay: boolean;
  canInsert: boolean;
  /** Its author or the klantmanager (the rule table, `fragments`). */
  canDelete: (fragment: Fragment) => boolean;
  onPlay: (fragment: Fragment) => void;
  onInsert: (fragment: Fragment) => void;
  onDelete: (fragment: Fragment) => void;
}) {
  if (fragments.length === 0) return <p className="empty" data-testid="fragments-empty">{t('fragments.empty')}</p>;
  return (
    <ul className="fragments" data-testid="fragments" aria-label={t('fragments.listLabel')}>
      {fragments.map((f) => {
        const range = formatRange(f.start, f.end);
        const theme = f.theme === null ? undefined : findTheme(f.theme);
        const other = f.mediaId !== null && f.mediaId !== currentMediaId ? mediaLabels.get(f.mediaId) : undefined;
        return (
          <li key={f.id} className="fragments__item" data-testid="fragment" data-id={f.id} data-start={f.start} data-end={f.end} style={{ borderLeftColor: theme?.color }}>
            <span className="fragments__text">
              <span className="fragments__range">{range}</span>
              {f.label && <span className="fragments__label">{f.label}</span>}
              {theme && <span className="fragments__theme" style={{ color: theme.color }}>{theme.shortLabel}</span>}
              {other && <span className="fragments__media">{t('fragments.inOther', { label: other })}</span>}
            </span>
            <span className="fragments__actions">
              <button type="button" className="button button--secondary" data-testid="fragment-play" disabled={!canPlay}
                aria-label={t('fragments.playLabel', { range })} onClick={() => onPlay(f)}>
                <span aria-hidden="true">▶ </span>{t('fragments.play')}
              </button>
              <button type="button" className="button button--secondary" data-testid="fragment-insert" disabled={!canInsert}
                aria-label={t('fragments.insertLabel', { range })} onClick={() => onInsert(f)}>
                {t('fragments.insert')}
              </button>
              {canDelete(f) && (
                <button type="button" className="button button--link" data-testid="fragment-delete"
                  aria-label={t('fragments.deleteLabel', { range })} onClick={() => onDelete(f)}>
                  {t('fragments.delete')}
                </button>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
