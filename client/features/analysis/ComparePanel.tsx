/**
 * "Vergelijk": the published layers of two or more analysts side by side. Where did they see the
 * same moment with a shared theme (overlap), what did only one of them see, and how much do they
 * agree per theme, so the group sees where they differ and can talk about it. Any observation or
 * question can be taken over into the shared list ("neem over").
 */
import { useId, useState } from 'react';
import type { Member } from '../../../shared/domain/access.ts';
import { compareAnalyses, type CompareInput } from '../../../shared/domain/cycle-doc/compare.ts';
import type { Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import { observationKindFor } from '../../../shared/domain/cycle-kinds.ts';
import { useCycleKind } from '../cycles/kind.ts';
import { themeById, themeIds } from '../../../shared/kijkwijzer/themes.ts';
import { t } from '../../ui/i18n/nl.ts';
import { CompareControls } from './CompareControls.tsx';
import { CompareTimeline, type Analyst } from './CompareTimeline.tsx';
import { originId, timeLabel } from './model.ts';
import { ThemeTags } from './ThemePicker.tsx';
import { timeRefLabel, useMediaLabels, useTimeRef } from '../room/mediaLabels.ts';
import { groupByRecording } from '../../../shared/domain/cycle-doc/recording-refs.ts';

const fallbackColor = '#5b6673';

function pct(fraction: number): string {
  return t('analysis.compare.percent', { n: Math.round(fraction * 100) });
}

function AdoptButton({ o, adopted, onAdopt }: { o: Observation; adopted: ReadonlySet<string>; onAdopt?: (o: Observation) => void }) {
  if (!onAdopt) return null;
  if (adopted.has(originId(o))) return <span className="obs__adopted" data-testid="observation-adopted">{t('analysis.item.adopted')}</span>;
  return (
    <button type="button" className="button button--secondary" data-testid="observation-adopt"
      aria-label={t('analysis.item.adoptLabel', { time: timeLabel(o) })} onClick={() => onAdopt(o)}>{t('analysis.item.adopt')}</button>
  );
}

function Entry({ input, nameOf, adopted, onAdopt, onSeek }: {
  input: CompareInput;
  nameOf: (id: string) => string;
  adopted: ReadonlySet<string>;
  onAdopt?: (o: Observation) => void;
  onSeek: (o: Observation) => void;
}) {
  const kind = useCycleKind();
  const o = input.observation;
  const time = useTimeRef()(o.mediaId, o.start, o.end);
  return (
    <li className="compare-entry" data-testid="compare-entry" data-analyst={input.analyst} data-start={o.start}>
      <button type="button" className="obs__seek" data-testid="observation-seek" aria-label={t('analysis.item.seekLabel', { time, text: o.text })} onClick={() => onSeek(o)}>
        <span className="obs__time">{time}</span>
        <span className="obs__text">{o.text}</span>
      </button>
      <span className="obs__meta">
        <span className="obs__author">{nameOf(input.analyst)}</span>
        <span className="obs__kind">{observationKindFor(kind, o.kind).label}</span>
        <ThemeTags ids={o.themes} />
        <AdoptButton o={o} adopted={adopted} onAdopt={onAdopt} />
      </span>
    </li>
  );
}

export function ComparePanel({ published, members, adopted, duration, mediaId, onAdopt, onSeek }: {
  published: ReadonlyMap<string, Observation[]>;
  /** The file being watched: Vergelijk starts on it (TIMECODE-2 compares within one file only). */
  mediaId: string | null;
  members: readonly Member[];
  adopted: ReadonlySet<string>;
  duration: number;
  /** Absent for people who may not change the shared list here. */
  onAdopt?: (o: Observation) => void;
  onSeek: (o: Observation) => void;
}) {
  const id = useId();
  const [tolerance, setTolerance] = useState<number>(5);
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const labels = useMediaLabels();
  const nameOf = (userId: string): string =>
    members.find((m) => m.userId === userId)?.name ?? published.get(userId)?.[0]?.authorName ?? t('analysis.compare.unknownAnalyst');
  const available: Analyst[] = [...published]
    .filter(([, list]) => list.length > 0)
    .map(([userId]) => ({ id: userId, name: nameOf(userId), color: members.find((m) => m.userId === userId)?.color ?? fallbackColor }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const chosen = available.filter((a) => !excluded.has(a.id));
  const all: CompareInput[] = chosen.flatMap((a) => (published.get(a.id) ?? []).map((observation) => ({ analyst: a.id, observation })));
  // One timeline at a time: moments of different recordings never overlap (TIMECODE-2).
  const recordings = groupByRecording(all.map((i) => i.observation), labels);
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const shown = recordings.find((r) => r.mediaId === picked) ?? recordings.find((r) => r.mediaId === mediaId) ?? recordings[0];
  const inputs = all.filter((i) => shown !== undefined && i.observation.mediaId === shown.mediaId);
  const result = compareAnalyses(inputs, tolerance);
  const matched = inputs.length - result.singles.length;
  const toggle = (userId: string): void =>
    setExcluded((prev) => {
      const next = new Set(prev);
      if (next.has(userId)) next.delete(userId);
      else next.add(userId);
      return next;
    });

  return (
    <div className="analysis-view" data-testid="compare-view">
      <p className="analysis-view__intro">{t('analysis.compare.intro')}</p>
      {available.length < 2 && <p className="empty" data-testid="compare-empty">{t('analysis.compare.needTwo')}</p>}
      {available.length >= 2 && (
        <>
          <CompareControls
            available={available}
            excluded={excluded}
            counts={(userId) => published.get(userId)?.length ?? 0}
            onToggle={toggle}
            recordings={recordings}
            shownMediaId={shown?.mediaId ?? null}
            onRecording={setPicked}
            tolerance={tolerance}
            onTolerance={setTolerance}
          />
          {chosen.length < 2 && <p className="empty">{t('analysis.compare.chooseTwo')}</p>}
          {chosen.length >= 2 && (
            <>
              <p className="compare-summary" data-testid="compare-summary" data-overlaps={result.overlaps.length} data-agreement={inputs.length ? (matched / inputs.length).toFixed(2) : ''}>
                {t('analysis.compare.summary', { overlaps: result.overlaps.length, singles: result.singles.length, agreement: inputs.length ? pct(matched / inputs.length) : '—' })}
              </p>
              <CompareTimeline analysts={chosen} inputs={inputs} overlaps={result.overlaps} duration={duration} onSeek={(i) => onSeek(i.observation)} />

              <section className="analysis-section" aria-labelledby={`${id}-themes`}>
                <h3 className="analysis-section__title" id={`${id}-themes`}>{t('analysis.compare.themesHeading')}</h3>
                <p className="field__hint">{t('analysis.compare.themesHint', { n: tolerance })}</p>
                {/* Focusable so that a keyboard can scroll a table wider than the screen. */}
                <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-themes`} data-testid="compare-themes-region">
                  <table className="table compare-table" data-testid="compare-themes">
                    <thead>
                      <tr>
                        <th scope="col">{t('analysis.compare.theme')}</th>
                        {chosen.map((a) => <th key={a.id} scope="col">{a.name}</th>)}
                        <th scope="col">{t('analysis.compare.agreement')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...result.themes].sort((a, b) => themeIds.indexOf(a.theme) - themeIds.indexOf(b.theme)).map((row) => (
                        <tr key={row.theme} data-testid="theme-agreement" data-theme={row.theme} data-matched={row.matched} data-total={row.total}
                          data-agreement={row.agreement === null ? '' : row.agreement.toFixed(2)}>
                          <th scope="row"><span className="swatch" style={{ backgroundColor: themeById(row.theme).color }} aria-hidden="true" /> {themeById(row.theme).shortLabel}</th>
                          {chosen.map((a) => <td key={a.id}>{row.counts[a.id] ?? 0}</td>)}
                          <td>
                            <span className="agreement" title={t('analysis.compare.agreementTitle', { matched: row.matched, total: row.total })}>
                              <span className="agreement__bar" aria-hidden="true"><span style={{ width: pct(row.agreement ?? 0) }} /></span>
                              <span className="agreement__value">{row.agreement === null ? '—' : pct(row.agreement)}</span>
                              <span className="visually-hidden">{t('analysis.compare.agreementTitle', { matched: row.matched, total: row.total })}</span>
                            </span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>

              <section className="analysis-section" aria-labelledby={`${id}-overlaps`}>
                <h3 className="analysis-section__title" id={`${id}-overlaps`}>{t('analysis.compare.overlapsHeading', { n: result.overlaps.length })}</h3>
                {result.overlaps.length === 0 && <p className="empty">{t('analysis.compare.noOverlaps')}</p>}
                <ul className="compare-list">
                  {result.overlaps.map((c) => (
                    <li key={c.members.map((m) => m.observation.id).join()} className="compare-cluster" data-testid="compare-overlap"
                      data-start={c.start} data-end={c.end} data-analysts={c.analysts.join(' ')} data-themes={c.themes.join(' ')}>
                      <p className="compare-cluster__head">
                        {t('analysis.compare.clusterHead', { time: timeRefLabel(labels, c.mediaId, c.start, c.end > c.start ? c.end : null), names: c.analysts.map(nameOf).join(', ') })}
                      </p>
                      <ul className="compare-list">
                        {c.members.map((m) => <Entry key={m.observation.id} input={m} nameOf={nameOf} adopted={adopted} onAdopt={onAdopt} onSeek={onSeek} />)}
                      </ul>
                    </li>
                  ))}
                </ul>
              </section>

              <section className="analysis-section" aria-labelledby={`${id}-singles`}>
                <h3 className="analysis-section__title" id={`${id}-singles`}>{t('analysis.compare.singlesHeading')}</h3>
                {chosen.map((a) => {
                  const own = result.singles.filter((s) => s.analyst === a.id);
                  return (
                    <div key={a.id} className="compare-singles" data-testid="compare-singles" data-analyst={a.id} data-count={own.length}>
                      <h4 className="compare-singles__title">{t('analysis.compare.onlyBy', { name: a.name, n: own.length })}</h4>
                      <ul className="compare-list">
                        {own.map((s) => <Entry key={s.observation.id} input={s} nameOf={nameOf} adopted={adopted} onAdopt={onAdopt} onSeek={onSeek} />)}
                      </ul>
                    </div>
                  );
                })}
              </section>
            </>
          )}
        </>
      )}
    </div>
  );
}
