/**
 * The cycle's fragments ("terugkijken fragment 6:00–6:30"), listed per recording (FRAGMENT-3):
 * play one for everyone, put a reference to it in the report, change its start, end and name
 * (FRAGMENT-2), or remove it.
 */
import { useState } from 'react';
import type { Fragment } from '../../../shared/domain/cycle-doc/fragments.ts';
import { formatRange } from '../../../shared/domain/cycle-doc/fragments.ts';
import { groupByRecording } from '../../../shared/domain/cycle-doc/recording-refs.ts';
import { findTheme } from '../../../shared/kijkwijzer/themes.ts';
import { t } from '../../ui/i18n/nl.ts';
import { FragmentRangeForm, type FragmentValues, type RecordingChoice } from './FragmentRangeForm.tsx';
import { useMediaLabels } from './mediaLabels.ts';

export interface FragmentListProps {
  fragments: readonly Fragment[];
  recordings: readonly RecordingChoice[];
  canPlay: boolean;
  canInsert: boolean;
  /** Its author or the klantmanager (the rule table, `fragments`). */
  canChange: (fragment: Fragment) => boolean;
  onPlay: (fragment: Fragment) => void;
  onInsert: (fragment: Fragment) => void;
  onUpdate: (fragment: Fragment, values: FragmentValues) => void;
  onDelete: (fragment: Fragment) => void;
}

function FragmentItem({ f, p }: { f: Fragment; p: FragmentListProps }) {
  const [editing, setEditing] = useState(false);
  const range = formatRange(f.start, f.end);
  const theme = f.theme === null ? undefined : findTheme(f.theme);
  if (editing) {
    return (
      <li className="fragments__item" data-testid="fragment" data-id={f.id} data-start={f.start} data-end={f.end}>
        <FragmentRangeForm
          initial={{ range, label: f.label, theme: theme?.id ?? null, mediaId: f.mediaId }}
          recordings={p.recordings}
          heading={t('fragments.editHeading', { range })}
          submitLabel={t('fragments.update')}
          testId="fragment-edit-form"
          onSave={(values) => {
            p.onUpdate(f, values);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="fragments__item" data-testid="fragment" data-id={f.id} data-media={f.mediaId ?? ''} data-start={f.start} data-end={f.end} style={{ borderLeftColor: theme?.color }}>
      <span className="fragments__text">
        <span className="fragments__range">{range}</span>
        {f.label && <span className="fragments__label">{f.label}</span>}
        {theme && <span className="fragments__theme" style={{ color: theme.color }}>{theme.shortLabel}</span>}
      </span>
      <span className="fragments__actions">
        <button type="button" className="button button--secondary" data-testid="fragment-play" disabled={!p.canPlay}
          aria-label={t('fragments.playLabel', { range })} onClick={() => p.onPlay(f)}>
          <span aria-hidden="true">▶ </span>{t('fragments.play')}
        </button>
        <button type="button" className="button button--secondary" data-testid="fragment-insert" disabled={!p.canInsert}
          aria-label={t('fragments.insertLabel', { range })} onClick={() => p.onInsert(f)}>
          {t('fragments.insert')}
        </button>
        {p.canChange(f) && (
          <>
            <button type="button" className="button button--link" data-testid="fragment-edit"
              aria-label={t('fragments.editLabel', { range })} onClick={() => setEditing(true)}>
              {t('fragments.edit')}
            </button>
            <button type="button" className="button button--link" data-testid="fragment-delete"
              aria-label={t('fragments.deleteLabel', { range })} onClick={() => p.onDelete(f)}>
              {t('fragments.delete')}
            </button>
          </>
        )}
      </span>
    </li>
  );
}

export function FragmentList(p: FragmentListProps) {
  const labels = useMediaLabels();
  if (p.fragments.length === 0) return <p className="empty" data-testid="fragments-empty">{t('fragments.empty')}</p>;
  const groups = groupByRecording(p.fragments, labels);
  return (
    <div data-testid="fragments">
      {groups.map((g) => (
        <section key={g.mediaId ?? ''} className="fragments__group" data-testid="fragment-group" data-media={g.mediaId ?? ''} aria-label={t('fragments.groupLabel', { label: g.label })}>
          {/* One recording needs no heading: the list is simply "the fragments". */}
          {(groups.length > 1 || g.mediaId === null || labels.size > 1) && <h3 className="fragments__group-title">{g.label}</h3>}
          <ul className="fragments" aria-label={t('fragments.groupLabel', { label: g.label })}>
            {g.items.map((f) => <FragmentItem key={f.id} f={f} p={p} />)}
          </ul>
        </section>
      ))}
    </div>
  );
}
