/**
 * A list of observations in time order (the conversation read from start to end, positives
 * first at the same moment), filterable by theme, author and kind. The filter is the caller's
 * state, so the timeline can show the same selection as markers.
 */
import { useId, useState } from 'react';
import type { Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import { selectableObservationKinds, type ObservationKind } from '../../../shared/kijkwijzer/analysis.ts';
import { observationKindFor } from '../../../shared/domain/cycle-kinds.ts';
import { useCycleKind } from '../cycles/kind.ts';
import { themes, type ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import { ConfirmDialog } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';
import { applyFilter, authorsOf, isFiltered, noFilter, timeLabel, type ObservationFilter } from './model.ts';
import { ObservationItem, type ObservationActions } from './ObservationItem.tsx';

export function ObservationFilters({ list, filter, onChange, showAuthor }: {
  list: readonly Observation[];
  filter: ObservationFilter;
  onChange: (next: ObservationFilter) => void;
  showAuthor: boolean;
}) {
  const cycleKind = useCycleKind();
  const id = useId();
  const authors = authorsOf(list);
  return (
    <div className="obs-filters" role="group" aria-label={t('analysis.filter.label')} data-testid="observation-filters">
      <label className="obs-filters__field" htmlFor={`${id}-theme`}>
        <span className="obs-filters__label">{t('analysis.filter.theme')}</span>
        <select id={`${id}-theme`} className="field__input" data-testid="filter-theme" value={filter.theme}
          onChange={(event) => onChange({ ...filter, theme: event.target.value as ThemeId | '' })}>
          <option value="">{t('analysis.filter.allThemes')}</option>
          {themes.map((theme) => <option key={theme.id} value={theme.id}>{theme.shortLabel}</option>)}
        </select>
      </label>
      {showAuthor && (
        <label className="obs-filters__field" htmlFor={`${id}-author`}>
          <span className="obs-filters__label">{t('analysis.filter.author')}</span>
          <select id={`${id}-author`} className="field__input" data-testid="filter-author" value={filter.author}
            onChange={(event) => onChange({ ...filter, author: event.target.value })}>
            <option value="">{t('analysis.filter.allAuthors')}</option>
            {authors.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
      )}
      <label className="obs-filters__field" htmlFor={`${id}-kind`}>
        <span className="obs-filters__label">{t('analysis.filter.kind')}</span>
        <select id={`${id}-kind`} className="field__input" data-testid="filter-kind" value={filter.kind}
          onChange={(event) => onChange({ ...filter, kind: event.target.value as ObservationKind | '' })}>
          <option value="">{t('analysis.filter.allKinds')}</option>
          {selectableObservationKinds.map((k) => <option key={k} value={k}>{observationKindFor(cycleKind, k).heading}</option>)}
        </select>
      </label>
      {isFiltered(filter) && (
        <button type="button" className="button button--link" onClick={() => onChange(noFilter)}>{t('analysis.filter.clear')}</button>
      )}
    </div>
  );
}

export function ObservationList({ list, filter, onFilter, actions, empty, label, testId = 'observations' }: {
  list: readonly Observation[];
  filter: ObservationFilter;
  onFilter: (next: ObservationFilter) => void;
  actions: ObservationActions;
  /** Shown when there is nothing at all (not when a filter hides everything). */
  empty: string;
  label: string;
  testId?: string;
}) {
  const [deleting, setDeleting] = useState<Observation | null>(null);
  const shown = applyFilter(list, filter);
  const withConfirm: ObservationActions = actions.onDelete ? { ...actions, onDelete: setDeleting } : actions;
  return (
    <div className="obs-list" data-testid={testId} data-count={shown.length}>
      {list.length > 0 && <ObservationFilters list={list} filter={filter} onChange={onFilter} showAuthor={actions.showAuthor ?? false} />}
      {list.length === 0 && <p className="empty" data-testid={`${testId}-empty`}>{empty}</p>}
      {list.length > 0 && (
        <p className="obs-list__count" aria-live="polite">
          {isFiltered(filter) ? t('analysis.list.countFiltered', { n: shown.length, total: list.length }) : t('analysis.list.count', { n: list.length })}
        </p>
      )}
      {shown.length > 0 && (
        <ul className="obs-list__items" aria-label={label}>
          {shown.map((o) => <ObservationItem key={o.id} o={o} actions={withConfirm} />)}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('analysis.delete.title')}
        body={deleting ? t('analysis.delete.body', { time: timeLabel(deleting), text: deleting.text }) : ''}
        confirmLabel={t('analysis.delete.confirm')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => {
          if (deleting) actions.onDelete?.(deleting);
          setDeleting(null);
        }}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
