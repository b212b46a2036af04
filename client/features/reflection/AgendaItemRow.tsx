/**
 * One point on the agenda: tick it off when discussed, play its fragments for everyone, link or
 * unlink fragments, change its text, move it with "omhoog" / "omlaag" (or drag it).
 */
import type { DragEvent } from 'react';
import type { AgendaItem } from '../../../shared/domain/cycle-doc/agenda.ts';
import type { Fragment } from '../../../shared/domain/cycle-doc/fragments.ts';
import type { Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import { valenceLabels } from '../../../shared/kijkwijzer/analysis.ts';
import { pillarFor } from '../../../shared/domain/cycle-kinds.ts';
import { useCycleKind } from '../cycles/kind.ts';
import { t } from '../../ui/i18n/nl.ts';
import type { PlayableRange } from './context.ts';
import { EditableText } from './EditableText.tsx';
import { useTimeRef } from '../room/mediaLabels.ts';
import { observationRange, PlayButton } from './PlayButton.tsx';

export interface AgendaItemActions {
  setDone: (done: boolean) => void;
  setText: (text: string) => void;
  remove: () => void;
  step: (direction: -1 | 1) => void;
  link: (fragmentId: string, linked: boolean) => void;
}

export function AgendaItemRow({ item, index, fragments, observation, canWrite, canDelete, canPlay, onPlay, actions, drag, isFirst, isLast }: {
  item: AgendaItem;
  /** Position in its section, from 1. */
  index: number;
  fragments: readonly Fragment[];
  /** The observation it was put on the agenda from, if any (for its moment). */
  observation: Observation | undefined;
  /** May change the point (tick off, text, order, fragments). */
  canWrite: boolean;
  canDelete: boolean;
  canPlay: boolean;
  onPlay: (range: PlayableRange) => void;
  actions: AgendaItemActions;
  drag: {
    dragging: boolean;
    dropBefore: boolean;
    onDragStart: (event: DragEvent<HTMLElement>) => void;
    onDragEnd: () => void;
    onDragOver: (event: DragEvent<HTMLLIElement>) => void;
    onDrop: (event: DragEvent<HTMLLIElement>) => void;
  };
  isFirst: boolean;
  isLast: boolean;
}) {
  const cycleKind = useCycleKind();
  const timeRef = useTimeRef();
  const linked = item.fragmentIds.map((id) => fragments.find((f) => f.id === id)).filter((f): f is Fragment => f !== undefined);
  const unlinked = fragments.filter((f) => !item.fragmentIds.includes(f.id));
  const short = item.text.length > 40 ? `${item.text.slice(0, 40)}…` : item.text;

  return (
    <li
      className={`agenda-item${item.done ? ' agenda-item--done' : ''}${drag.dragging ? ' agenda-item--dragging' : ''}${drag.dropBefore ? ' agenda-item--drop' : ''}`}
      data-testid="agenda-item" data-id={item.id} data-section={item.section} data-index={index} data-done={String(item.done)} data-pillar={item.pillar ?? ''} data-valence={item.valence ?? ''}
      onDragOver={drag.onDragOver} onDrop={drag.onDrop}
    >
      <div className="agenda-item__main">
        {/* Only the handle drags (the whole point shows as the drag image), so text can still be
            selected; keyboard users have "omhoog" / "omlaag". */}
        {canWrite && (
          <span className="agenda-item__handle" aria-hidden="true" title={t('agenda.dragHint')} draggable data-testid="agenda-handle"
            onDragStart={(event) => {
              const row = event.currentTarget.closest('li');
              if (row) event.dataTransfer.setDragImage(row, 12, 12);
              drag.onDragStart(event);
            }}
            onDragEnd={drag.onDragEnd}>⠿</span>
        )}
        <label className="agenda-item__done">
          <input type="checkbox" checked={item.done} disabled={!canWrite} data-testid="agenda-done"
            aria-label={t('agenda.doneLabel', { text: short })} onChange={(event) => actions.setDone(event.target.checked)} />
        </label>
        <div className="agenda-item__body">
          <EditableText value={item.text} label={t('agenda.item')} canEdit={canWrite} testId="agenda-text" onSave={actions.setText}
            {...(canDelete ? { onDelete: actions.remove } : {})} />
          <p className="agenda-item__meta">
            {item.pillar && <span className="badge" data-testid="agenda-pillar">{pillarFor(cycleKind, item.pillar).shortLabel}</span>}
            {item.valence !== null && item.valence !== 'neutral' && <span className={`badge badge--${item.valence}`} data-testid="agenda-valence">{valenceLabels[item.valence]}</span>}
            {observation && <PlayButton range={observationRange(observation)} moment={observation.end === null} label={observation.text} disabled={!canPlay} onPlay={onPlay} testId="agenda-moment" />}
          </p>
        </div>
        {canWrite && (
          <span className="agenda-item__move" role="group" aria-label={t('agenda.moveGroup', { text: short })}>
            <button type="button" className="button button--secondary button--small" data-testid="agenda-up" disabled={isFirst}
              aria-label={t('agenda.upLabel', { text: short })} onClick={() => actions.step(-1)}>{t('agenda.up')}</button>
            <button type="button" className="button button--secondary button--small" data-testid="agenda-down" disabled={isLast}
              aria-label={t('agenda.downLabel', { text: short })} onClick={() => actions.step(1)}>{t('agenda.down')}</button>
          </span>
        )}
      </div>
      {(linked.length > 0 || (canWrite && unlinked.length > 0)) && (
        <div className="agenda-item__fragments">
          {linked.map((f) => (
            <span key={f.id} className="agenda-item__fragment" data-testid="agenda-fragment" data-id={f.id}>
              <PlayButton range={f} label={f.label} disabled={!canPlay} onPlay={onPlay} testId="agenda-fragment-play" />
              {f.label && <span className="source__text">{f.label}</span>}
              {canWrite && (
                <button type="button" className="button button--link" aria-label={t('agenda.unlinkLabel', { range: timeRef(f.mediaId, f.start, f.end) })}
                  onClick={() => actions.link(f.id, false)}>{t('agenda.unlink')}</button>
              )}
            </span>
          ))}
          {canWrite && unlinked.length > 0 && (
            <select className="field__input add-form__select" value="" data-testid="agenda-link" aria-label={t('agenda.linkLabel', { text: short })}
              onChange={(event) => event.target.value && actions.link(event.target.value, true)}>
              <option value="">{t('agenda.link')}</option>
              {unlinked.map((f) => <option key={f.id} value={f.id}>{`${timeRef(f.mediaId, f.start, f.end)}${f.label ? ` ${f.label}` : ''}`}</option>)}
            </select>
          )}
        </div>
      )}
    </li>
  );
}
