/**
 * The agenda of the reflectiegesprek, built live by the klantmanager and the researchers: points
 * from the three pillars or typed, grouped from open questions via echtheid, gezamenlijk doel and
 * interventielogica to specific fragments (each section with its guiding questions). Points are
 * reordered by drag and drop or with "omhoog" / "omlaag", ticked off as they are discussed, and
 * their fragments play for everyone.
 */
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import {
  addAgendaItem,
  agendaOf,
  deleteAgendaItem,
  groupAgenda,
  linkFragment,
  listAgenda,
  moveAgendaItem,
  setAgendaDone,
  setAgendaText,
  stepAgendaItem,
} from '../../../shared/domain/cycle-doc/agenda.ts';
import { agendaSections, type AgendaSection, type AgendaSectionId } from '../../../shared/kijkwijzer/reflection.ts';
import { t } from '../../ui/i18n/nl.ts';
import { AgendaItemRow } from './AgendaItemRow.tsx';
import { useInterviewConsent } from './consent.ts';
import { useMayWrite } from '../access/useMayWrite.ts';
import type { ReflectionProps } from './context.ts';
import { useAgenda, useAnalysisObservations, useCycleFragments } from './doc.ts';
import { AddForm } from './EditableText.tsx';
import { PillarSources, type NewAgendaItem } from './PillarSources.tsx';
import { agendaSectionsFor } from '../../../shared/domain/cycle-kinds.ts';

/** Our own drag type: a drop from elsewhere (a file, a link) is not an agenda point. */
const dragType = 'application/x-kijkruimte-agenda';

type DropAt = { section: AgendaSectionId; beforeId: string | null };

export function AgendaPanel(props: ReflectionProps) {
  const { session, cycle, user, canPlay, onPlay } = props;
  const items = useAgenda(session);
  const fragments = useCycleFragments(session);
  const observations = useAnalysisObservations(session);
  // The klantmanager and the researchers make the agenda; colleagues read it.
  const may = useMayWrite(session, cycle, user.id);
  const [canAdd, canWrite, canDelete] = [may('agenda', 'add'), may('agenda', 'change'), may('agenda', 'delete')];
  const [consent] = useInterviewConsent(cycle.id);
  const map = agendaOf(session.doc);
  const groups = groupAgenda(items);
  const flat = agendaSections.flatMap((s) => groups[s.id]);
  const done = items.filter((i) => i.done).length;

  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<DropAt | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const focusAfterMove = useRef<{ id: string; button: 'agenda-up' | 'agenda-down' } | null>(null);
  const root = useRef<HTMLElement>(null);

  useEffect(() => {
    // A moved point is a re-inserted element (in another list when it crossed a section), which
    // loses focus; give it back to the button that was pressed, or the other one at the ends.
    const pending = focusAfterMove.current;
    if (pending === null) return;
    focusAfterMove.current = null;
    const row = root.current?.querySelector(`[data-testid="agenda-item"][data-id="${CSS.escape(pending.id)}"]`);
    for (const name of [pending.button, pending.button === 'agenda-up' ? 'agenda-down' : 'agenda-up']) {
      const button = row?.querySelector<HTMLButtonElement>(`[data-testid="${name}"]`);
      if (button && !button.disabled) return button.focus();
    }
  });

  const sectionLabel = (id: AgendaSectionId): string => agendaSections.find((s) => s.id === id)?.label ?? id;

  /** Says where a point ended up, for screen-reader users (the list itself changed silently). */
  const announceWhere = (id: string): void => {
    const now = groupAgenda(listAgenda(map));
    for (const s of agendaSections) {
      const idx = now[s.id].findIndex((i) => i.id === id);
      if (idx >= 0) setAnnouncement(t('agenda.moved', { section: s.label, position: idx + 1, total: now[s.id].length }));
    }
  };

  const add = (input: NewAgendaItem | { section: AgendaSectionId; text: string }): void => {
    addAgendaItem(map, { ...input, createdBy: user.id });
    setAnnouncement(t('agenda.added', { section: sectionLabel(input.section) }));
  };

  const drop = (at: DropAt, event: DragEvent): void => {
    event.preventDefault();
    event.stopPropagation();
    const id = event.dataTransfer.getData(dragType) || dragging;
    setDragging(null);
    setDropAt(null);
    if (!canWrite || !id || id === at.beforeId) return;
    moveAgendaItem(map, id, at.section, at.beforeId);
    announceWhere(id);
  };

  const over = (at: DropAt, event: DragEvent): void => {
    if (dragging === null && !event.dataTransfer.types.includes(dragType)) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = 'move';
    if (dropAt?.section !== at.section || dropAt.beforeId !== at.beforeId) setDropAt(at);
  };

  return (
    <section ref={root} className="panel reflection agenda" aria-labelledby="agenda-heading" data-testid="agenda"
      data-count={items.length} data-done={done}>
      <div className="reflection__header">
        <h2 className="panel__title" id="agenda-heading">{t('agenda.heading')}</h2>
        <span className="reflection__progress" data-testid="agenda-progress">{t('agenda.progress', { done, total: items.length })}</span>
      </div>
      <p className="reflection__prompt">{t('agenda.intro')}</p>
      <p className="visually-hidden" aria-live="polite" data-testid="agenda-announcement">{announcement}</p>

      {agendaSectionsFor(cycle.kind).map((section) => (
        <AgendaSectionBlock key={section.id} section={section} canAdd={canAdd} dropHere={dropAt?.section === section.id && dropAt.beforeId === null}
          onAdd={(text) => add({ section: section.id, text })}
          onDragOver={(event) => over({ section: section.id, beforeId: null }, event)}
          onDrop={(event) => drop({ section: section.id, beforeId: null }, event)}>
          {groups[section.id].map((item, index) => (
            <AgendaItemRow key={item.id} item={item} index={index + 1} fragments={fragments}
              observation={item.source?.kind === 'observation' ? observations.find((o) => o.id === item.source?.id) : undefined}
              canWrite={canWrite} canDelete={canDelete} canPlay={canPlay} onPlay={onPlay}
              isFirst={flat[0]?.id === item.id} isLast={flat.at(-1)?.id === item.id}
              actions={{
                setDone: (value) => setAgendaDone(map, item.id, value),
                setText: (text) => setAgendaText(map, item.id, text),
                remove: () => deleteAgendaItem(map, item.id),
                link: (fragmentId, linked) => linkFragment(map, item.id, fragmentId, linked),
                step: (direction) => {
                  if (!stepAgendaItem(map, item.id, direction)) return;
                  focusAfterMove.current = { id: item.id, button: direction === -1 ? 'agenda-up' : 'agenda-down' };
                  announceWhere(item.id);
                },
              }}
              drag={{
                dragging: dragging === item.id,
                dropBefore: dropAt?.beforeId === item.id && dragging !== item.id,
                onDragStart: (event) => {
                  event.dataTransfer.setData(dragType, item.id);
                  event.dataTransfer.setData('text/plain', item.text);
                  event.dataTransfer.effectAllowed = 'move';
                  setDragging(item.id);
                },
                onDragEnd: () => {
                  setDragging(null);
                  setDropAt(null);
                },
                onDragOver: (event) => over({ section: section.id, beforeId: item.id }, event),
                onDrop: (event) => drop({ section: section.id, beforeId: item.id }, event),
              }}
            />
          ))}
        </AgendaSectionBlock>
      ))}

      <PillarSources session={session} cycle={cycle} items={items} canWrite={canAdd} canPlay={canPlay} onPlay={onPlay}
        interviewAllowed={consent.status === 'ready' && consent.data.given} onAdd={add} />
    </section>
  );
}

function AgendaSectionBlock({ section, canAdd, dropHere, onAdd, onDragOver, onDrop, children }: {
  section: AgendaSection;
  canAdd: boolean;
  dropHere: boolean;
  onAdd: (text: string) => void;
  onDragOver: (event: DragEvent<HTMLOListElement>) => void;
  onDrop: (event: DragEvent<HTMLOListElement>) => void;
  children: ReactNode[];
}) {
  const headingId = `agenda-section-${section.id}`;
  return (
    <div className="agenda-section" data-testid="agenda-section" data-section={section.id}>
      <h3 className="agenda-section__title" id={headingId}>{section.label}</h3>
      <p className="reflection__note">{section.description}</p>
      <details className="reflection__questions">
        <summary>{t('agenda.guidingQuestions')}</summary>
        <ul>
          {section.guidingQuestions.map((q) => (
            <li key={q} className="guiding">
              <span>{q}</span>
              {canAdd && (
                <button type="button" className="button button--link" data-testid="guiding-add" aria-label={t('agenda.questionOnLabel', { text: q })}
                  onClick={() => onAdd(q)}>{t('agenda.questionOn')}</button>
              )}
            </li>
          ))}
        </ul>
      </details>
      <ol className={`agenda-section__items${dropHere ? ' agenda-section__items--drop' : ''}`} aria-labelledby={headingId}
        data-testid="agenda-list" onDragOver={onDragOver} onDrop={onDrop}>
        {children}
        {children.length === 0 && <li className="agenda-section__empty">{t('agenda.sectionEmpty')}</li>}
      </ol>
      {canAdd && (
        <AddForm label={t('agenda.addLabel', { section: section.label })} submitLabel={t('agenda.add')} disabled={false}
          testId={`agenda-add-${section.id}`} onAdd={onAdd} />
      )}
    </div>
  );
}
