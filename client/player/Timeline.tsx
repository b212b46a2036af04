/**
 * The timeline under the video: where the picture is, fragments and observations coloured by
 * Kijkwijzer theme, where the others are, and a preview of the moment under the pointer.
 * Click to seek, drag to choose a fragment. The playhead moves every frame through a ref (the
 * engine's frame callback), not through React renders.
 */
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { formatTime } from '../../shared/domain/cycle-doc/fragments.ts';
import { t } from '../ui/i18n/nl.ts';
import type { PlayerEngine } from './engine.ts';
import { HoverPreview } from './HoverPreview.tsx';

export interface TimelineMarker {
  id: string;
  kind: 'fragment' | 'observation';
  start: number;
  end: number | null;
  color: string;
  label: string;
}

export interface TimelinePerson {
  id: string;
  name: string;
  color: string;
  position: number;
  /** "groep" for the group's position while I watch alone, else the person's state. */
  note: string;
}

export interface TimelineProps {
  engine: PlayerEngine | null;
  duration: number;
  markers: readonly TimelineMarker[];
  people: readonly TimelinePerson[];
  selection: { start: number | null; end: number | null };
  onSeek: (seconds: number) => void;
  onSelect: (start: number, end: number) => void;
  previewUrl: string | null;
  disabled: boolean;
}

/** Movement (px) after which a press on the track is a drag (a selection), not a click. */
const dragThreshold = 4;

export function Timeline({ engine, duration, markers, people, selection, onSeek, onSelect, previewUrl, disabled }: TimelineProps) {
  const track = useRef<HTMLDivElement>(null);
  const playhead = useRef<HTMLDivElement>(null);
  const progress = useRef<HTMLDivElement>(null);
  const pressed = useRef<{ x: number; time: number; dragging: boolean } | null>(null);
  const [hover, setHover] = useState<{ x: number; time: number } | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const known = Number.isFinite(duration) && duration > 0;
  const pct = (s: number): string => `${known ? Math.min(100, Math.max(0, (s / duration) * 100)) : 0}%`;

  useEffect(() => {
    if (engine === null || !known) return;
    let shownSecond = -1;
    return engine.onFrame((currentTime) => {
      const left = pct(currentTime);
      if (playhead.current) playhead.current.style.left = left;
      if (progress.current) progress.current.style.width = left;
      const second = Math.floor(currentTime);
      if (second !== shownSecond && track.current) {
        shownSecond = second;
        track.current.setAttribute('aria-valuenow', String(second));
        track.current.setAttribute('aria-valuetext', t('timeline.valueText', { now: formatTime(currentTime), total: formatTime(duration) }));
      }
    });
    // pct only depends on duration, which is a dependency.
  }, [engine, duration, known]);

  const timeAt = (clientX: number): { x: number; time: number } => {
    const rect = track.current!.getBoundingClientRect();
    const x = Math.min(rect.width, Math.max(0, clientX - rect.left));
    return { x, time: rect.width > 0 ? (x / rect.width) * duration : 0 };
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>): void => {
    if (disabled || !known || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = timeAt(event.clientX);
    pressed.current = { ...at, dragging: false };
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>): void => {
    if (!known) return;
    const at = timeAt(event.clientX);
    setHover(at);
    const p = pressed.current;
    if (p === null) return;
    if (!p.dragging && Math.abs(at.x - p.x) >= dragThreshold) p.dragging = true;
    if (p.dragging) setDrag({ from: p.time, to: at.time });
  };

  const onPointerUp = (event: ReactPointerEvent<HTMLDivElement>): void => {
    const p = pressed.current;
    pressed.current = null;
    setDrag(null);
    if (p === null) return;
    const at = timeAt(event.clientX);
    if (p.dragging) onSelect(Math.min(p.time, at.time), Math.max(p.time, at.time));
    else onSeek(at.time);
  };

  const band = drag !== null
    ? { start: Math.min(drag.from, drag.to), end: Math.max(drag.from, drag.to) }
    : selection.start !== null && selection.end !== null ? { start: selection.start, end: selection.end } : null;
  const under = hover === null ? [] : markers.filter((m) => hover.time >= m.start - duration * 0.005 && hover.time <= (m.end ?? m.start) + duration * 0.005);

  return (
    <div className="room-timeline" data-testid="timeline" data-duration={known ? String(duration) : ''}>
      <div
        ref={track}
        className="room-timeline__track"
        data-testid="timeline-track"
        role="slider"
        tabIndex={disabled ? -1 : 0}
        aria-label={t('timeline.label')}
        aria-describedby="timeline-hint"
        aria-valuemin={0}
        aria-valuemax={known ? Math.round(duration) : 0}
        aria-valuenow={0}
        aria-disabled={disabled || undefined}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          pressed.current = null;
          setDrag(null);
        }}
        onPointerLeave={() => setHover(null)}
      >
        <div ref={progress} className="room-timeline__progress" />
        {markers.map((m) => (
          <div
            key={m.id}
            className={`room-timeline__marker room-timeline__marker--${m.kind}`}
            data-testid={`timeline-${m.kind}`}
            data-start={m.start}
            style={{ left: pct(m.start), width: m.end === null ? undefined : `calc(${pct(m.end)} - ${pct(m.start)})`, backgroundColor: m.color }}
            title={m.label}
          />
        ))}
        {band !== null && (
          <div className="room-timeline__selection" data-testid="timeline-selection" style={{ left: pct(band.start), width: `calc(${pct(band.end)} - ${pct(band.start)})` }} />
        )}
        {selection.start !== null && selection.end === null && drag === null && (
          <div className="room-timeline__in" data-testid="timeline-in" style={{ left: pct(selection.start) }} title={t('timeline.in')} />
        )}
        <div ref={playhead} className="room-timeline__playhead" aria-hidden="true" />
        {hover !== null && <div className="room-timeline__hover" style={{ left: hover.x }} aria-hidden="true" />}
        {hover !== null && known && (
          <div className="room-timeline__tooltip" style={{ left: hover.x }} aria-hidden="true">
            {previewUrl !== null && <HoverPreview url={previewUrl} time={hover.time} />}
            <span className="room-timeline__tooltip-time">{formatTime(hover.time)}</span>
            {under.slice(0, 3).map((m) => (
              <span key={m.id} className="room-timeline__tooltip-item">
                <span className="room-timeline__dot" style={{ backgroundColor: m.color }} />
                {m.label}
              </span>
            ))}
          </div>
        )}
      </div>
      <div className="room-timeline__people" aria-hidden={people.length === 0 || undefined}>
        {people.map((p) => (
          <span
            key={p.id}
            className="room-timeline__person"
            data-testid="timeline-participant"
            data-name={p.name}
            data-position={p.position.toFixed(2)}
            style={{ left: pct(p.position), backgroundColor: p.color }}
            title={`${p.name} (${p.note}) · ${formatTime(p.position)}`}
          >
            {initials(p.name)}
          </span>
        ))}
      </div>
      <p className="visually-hidden" id="timeline-hint">{t('timeline.hint')}</p>
    </div>
  );
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0]!.charAt(0);
  const last = parts.length > 1 ? parts[parts.length - 1]!.charAt(0) : '';
  return (first + last).toUpperCase();
}
