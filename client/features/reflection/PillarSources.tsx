/**
 * The three pillars the agenda is made from: (a) the klantmanager's doubts and learning goals,
 * (b) observations and questions from the video analysis, (c) the client's feedback as the
 * interviewer passed it on (only with consent for the interview; never the interview notes). Each source goes on the agenda with one click ("zet op agenda"),
 * under the section it most likely belongs to; the choice can be changed first or moved later.
 */
import { useState, type ReactNode } from 'react';
import type { AgendaItem } from '../../../shared/domain/cycle-doc/agenda.ts';
import { formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import { agendaBySource, suggestedSection } from '../../../shared/domain/cycle-doc/pillars.ts';
import { valenceLabels, type Valence } from '../../../shared/kijkwijzer/analysis.ts';
import { positivesFirst } from '../../../shared/domain/cycle-doc/positives-first.ts';
import { useMediaLabels } from '../room/mediaLabels.ts';
import { agendaSections, type AgendaSectionId, type PillarId } from '../../../shared/kijkwijzer/reflection.ts';
import { findTheme } from '../../../shared/kijkwijzer/themes.ts';
import { t } from '../../ui/i18n/nl.ts';
import type { ReflectionProps } from './context.ts';
import { useAnalysisObservations, useClientFeedback, useDoubts } from './doc.ts';
import { useNoInterviewNote } from '../plan/useInterviewDecision.ts';
import { useSlim } from '../slim/doc.ts';
import { slimSummary } from '../../../shared/domain/cycle-doc/slim.ts';
import { observationRange, PlayButton } from './PlayButton.tsx';
import { useCycleKind, useKindT } from '../cycles/kind.ts';
import { observationKindFor, pillarFor } from '../../../shared/domain/cycle-kinds.ts';

export type SourceKind = NonNullable<AgendaItem['source']>['kind'];

export interface NewAgendaItem {
  section: AgendaSectionId;
  text: string;
  pillar: PillarId;
  source: { kind: SourceKind; id: string };
  /** An observation's valence goes with it onto the agenda (POSITIVE-2). */
  valence?: Valence;
}

export function PillarSources({ session, cycle, items, canWrite, canPlay, onPlay, interviewAllowed, onAdd }: Pick<ReflectionProps, 'session' | 'cycle' | 'canPlay' | 'onPlay'> & {
  items: readonly AgendaItem[];
  canWrite: boolean;
  interviewAllowed: boolean;
  onAdd: (item: NewAgendaItem) => void;
}) {
  const t = useKindT();
  const doubts = useDoubts(session);
  // What goes well first (POSITIVE-1), the recordings in their order.
  const labels = useMediaLabels();
  const observations = positivesFirst(useAnalysisObservations(session), [...labels.keys()]);
  const feedback = useClientFeedback(session);
  // SLIM analyses (SLIM-2) come from the analysis and belong under interventielogica.
  const slim = useSlim(session).filter((e) => e.selfImage !== null || e.role !== null || e.logic !== null);
  const onAgenda = agendaBySource(items);
  // No interview by the cycle's kind or by the owner's recorded decision: the pillar says why.
  const noInterview = useNoInterviewNote(cycle);

  return (
    <div className="pillars" data-testid="pillars">
      <h3 className="reflection__subheading">{t('agenda.pillars')}</h3>
      <Pillar id="doubts" count={doubts.length}>
        {doubts.map((d) => (
          <SourceRow key={d.id} kind="doubt" id={d.id} pillar="doubts" text={d.text} suggested="open" placed={onAgenda.get(d.id)} canWrite={canWrite} onAdd={onAdd}>
            <span className="badge">{t(`intake.kind.${d.kind}`)}</span>
          </SourceRow>
        ))}
      </Pillar>
      <Pillar id="analysis" count={observations.length + slim.length}>
        {slim.map((e) => (
          <SourceRow key={e.id} kind="slim" id={e.id} pillar="analysis" text={`SLIM (${e.authorName}): ${slimSummary(e)}`} suggested="interventielogica"
            placed={onAgenda.get(e.id)} canWrite={canWrite} onAdd={onAdd}>
            <span className="badge">SLIM</span>
          </SourceRow>
        ))}
        {observations.map((o) => (
          <SourceRow key={o.id} kind="observation" id={o.id} pillar="analysis" text={o.text} suggested={suggestedSection(o)} placed={onAgenda.get(o.id)}
            canWrite={canWrite} onAdd={onAdd} start={o.start} valence={o.valence}>
            <PlayButton range={observationRange(o)} moment={o.end === null} label={o.text} disabled={!canPlay} onPlay={onPlay} />
            <span className="badge">{observationKindFor(cycle.kind, o.kind).label}</span>
            {o.valence !== 'neutral' && <span className={`badge badge--${o.valence}`}>{valenceLabels[o.valence]}</span>}
            {o.themes.map((id) => {
              const theme = findTheme(id);
              return theme ? <span key={id} className="badge" style={{ borderColor: theme.color }}>{theme.shortLabel}</span> : null;
            })}
          </SourceRow>
        ))}
      </Pillar>
      {noInterview !== null && <p className="reflection__note" data-testid="pillar-client-decision">{noInterview}</p>}
      {noInterview === null && (interviewAllowed
        ? (
          <Pillar id="client" count={feedback.length}>
            {feedback.map((f) => (
              // Only what the interviewer passed on; "zonder citaat" holds the paraphrase alone.
              <SourceRow key={f.id} kind="interview" id={f.id} pillar="client" text={f.text} suggested="open" placed={onAgenda.get(f.id)} canWrite={canWrite} onAdd={onAdd}>
                {f.mode === 'zonderCitaat' && <span className="badge">{t('interview.withoutQuote')}</span>}
              </SourceRow>
            ))}
          </Pillar>
        )
        : <p className="reflection__note" data-testid="pillar-client-none">{t('agenda.noInterview')}</p>)}
    </div>
  );
}

function Pillar({ id, count, children }: { id: PillarId; count: number; children: ReactNode }) {
  const t = useKindT();
  const pillar = pillarFor(useCycleKind(), id);
  return (
    <details className="pillar" open data-testid="pillar" data-pillar={id}>
      <summary className="pillar__summary">
        {pillar.label} <span className="pillar__count">({count})</span>
      </summary>
      <p className="reflection__note">{pillar.description}</p>
      {count === 0 ? <p className="empty">{t(`agenda.pillarEmpty.${id}`)}</p> : <ul className="reflection__list">{children}</ul>}
    </details>
  );
}

function SourceRow({ kind, id, pillar, text, suggested, placed, canWrite, onAdd, start, valence, children }: {
  kind: SourceKind;
  id: string;
  pillar: PillarId;
  text: string;
  suggested: AgendaSectionId;
  placed: AgendaItem | undefined;
  canWrite: boolean;
  onAdd: (item: NewAgendaItem) => void;
  /** Seconds into the recording, for observations (tests and time codes read it). */
  start?: number;
  valence?: Valence;
  children?: ReactNode;
}) {
  const [section, setSection] = useState<AgendaSectionId>(suggested);
  const where = placed ? agendaSections.find((s) => s.id === placed.section)?.label ?? '' : '';
  return (
    <li className="reflection__item source" data-testid="source" data-kind={kind} data-id={id} data-on-agenda={String(placed !== undefined)} data-valence={valence ?? ''}
      {...(start !== undefined ? { 'data-start': String(start), 'data-timecode': formatTime(start) } : {})}>
      <p className="source__line">
        {children}
        <span className="source__text">{text}</span>
      </p>
      {placed
        ? <span className="badge badge--positive" data-testid="source-placed">{t('agenda.placedUnder', { section: where })}</span>
        : canWrite && (
          <span className="source__add">
            <select className="field__input add-form__select" value={section} aria-label={t('agenda.sectionFor', { text })} data-testid="source-section"
              onChange={(event) => setSection(event.target.value as AgendaSectionId)}>
              {agendaSections.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
            </select>
            <button type="button" className="button button--secondary" data-testid="source-add" aria-label={t('agenda.putOnLabel', { text })}
              onClick={() => onAdd({ section, text, pillar, source: { kind, id }, ...(valence ? { valence } : {}) })}>
              {t('agenda.putOn')}
            </button>
          </span>
        )}
    </li>
  );
}
