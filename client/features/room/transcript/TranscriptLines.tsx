/**
 * The transcript's lines: the one spoken now is highlighted and kept in view while the video
 * plays. This component alone follows playback, and each line is memoised, so a new spoken line
 * re-renders two rows, not the panel, the figures or the 1,500 other lines (bench/transcript.ts).
 * A fragment is made from lines: "Fragment" on the first line, then "Fragment tot hier" on the
 * last (or "Alleen deze regel").
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatTime } from '../../../../shared/domain/cycle-doc/fragments.ts';
import type { Cue } from '../../../../shared/transcript/types.ts';
import type { PlayerEngine } from '../../../player/engine.ts';
import { t } from '../../../ui/i18n/nl.ts';
import { cueIndexAt, matchesSearch } from './model.ts';

export function TranscriptLines({ cues, engine, query, canSeek, onSeek, onObserve, onFragment }: {
  cues: readonly Cue[];
  engine: PlayerEngine | null;
  query: string;
  canSeek: boolean;
  onSeek: (seconds: number) => void;
  onObserve: ((seconds: number) => void) | null;
  /** Null when this person may not add fragments. */
  onFragment: ((start: number, end: number, label: string) => void) | null;
}) {
  const [active, setActive] = useState(-1);
  const [from, setFrom] = useState<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  // Stable callbacks for the memoised rows, always calling the latest handlers.
  const handlers = useRef({ onSeek, onObserve, onFragment, cues, from });
  useEffect(() => {
    handlers.current = { onSeek, onObserve, onFragment, cues, from };
  });
  const seek = useCallback((seconds: number) => handlers.current.onSeek(seconds), []);
  const observe = useCallback((seconds: number) => handlers.current.onObserve?.(seconds), []);
  const fragment = useCallback((index: number, whole: boolean) => {
    const { cues: all, from: start, onFragment: save } = handlers.current;
    if (start === null && !whole) return setFrom(index);
    const [a, b] = start === null ? [index, index] : [Math.min(start, index), Math.max(start, index)];
    const first = all[a]!;
    const text = `${first.speaker ? `${first.speaker}: ` : ''}${first.text}`.replace(/\s+/g, ' ');
    save?.(first.start / 1000, all[b]!.end / 1000, text.length > 80 ? `${text.slice(0, 79)}…` : text);
    setFrom(null);
  }, []);
  const shown = useMemo(() => cues.map((cue, i) => ({ cue, i })).filter(({ cue }) => matchesSearch(cue, query)), [cues, query]);

  useEffect(() => {
    if (engine === null || cues.length === 0) return;
    return engine.onFrame((seconds) => setActive(cueIndexAt(cues, seconds * 1000)));
  }, [engine, cues]);

  useEffect(() => {
    // Keep the spoken line in view inside the list, without scrolling the page itself.
    const box = list.current;
    const item = box?.querySelector<HTMLElement>(`[data-cue="${active}"]`);
    if (!box || !item) return;
    if (item.offsetTop < box.scrollTop || item.offsetTop + item.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = item.offsetTop - box.clientHeight / 3;
    }
  }, [active]);

  const pendingAt = from !== null ? cues[from] : undefined;
  return (
    <>
      {pendingAt && (
        <p className="room__note" role="status" data-testid="fragment-pending">
          {t('transcript.fragmentPending', { time: formatTime(pendingAt.start / 1000) })}{' '}
          <button type="button" className="button button--secondary" onClick={() => setFrom(null)}>{t('common.cancel')}</button>
        </p>
      )}
      <ol className="transcript__lines" ref={list} aria-label={t('transcript.lines')} data-testid="transcript-lines">
        {shown.map(({ cue, i }) => (
          <Line key={i} index={i} cue={cue} active={i === active} canSeek={canSeek} onSeek={seek} onObserve={onObserve ? observe : null}
            fragmentMode={onFragment === null ? null : from === null ? 'start' : from === i ? 'only' : 'end'} onFragment={fragment} />
        ))}
      </ol>
    </>
  );
}

const fragmentLabels = { start: 'transcript.fragmentStart', only: 'transcript.fragmentOnly', end: 'transcript.fragmentEnd' } as const;

const Line = memo(function Line({ index, cue, active, canSeek, onSeek, onObserve, fragmentMode, onFragment }: {
  index: number;
  cue: Cue;
  active: boolean;
  canSeek: boolean;
  onSeek: (seconds: number) => void;
  onObserve: ((seconds: number) => void) | null;
  /** What the line's fragment button does now; null without the right to add fragments. */
  fragmentMode: 'start' | 'only' | 'end' | null;
  onFragment: (index: number, whole: boolean) => void;
}) {
  const at = formatTime(cue.start / 1000);
  return (
    <li data-cue={index} className={active ? 'transcript__line transcript__line--active' : 'transcript__line'} aria-current={active ? 'true' : undefined}>
      <button type="button" className="transcript__seek" disabled={!canSeek} onClick={() => onSeek(cue.start / 1000)} data-testid="transcript-line">
        <span className="transcript__time">{at}</span>
        {cue.speaker !== null && <span className="transcript__speaker">{cue.speaker}</span>}
        <span className="transcript__text">{cue.text}</span>
      </button>
      {onObserve && (
        <button type="button" className="transcript__observe" onClick={() => onObserve(cue.start / 1000)} aria-label={t('transcript.observeAt', { time: at })}>
          {t('transcript.observe')}
        </button>
      )}
      {fragmentMode && (
        <button type="button" className="transcript__observe" data-testid="transcript-fragment" onClick={() => onFragment(index, fragmentMode === 'only')}
          aria-label={t(`${fragmentLabels[fragmentMode]}Label`, { time: at })}>
          {t(fragmentLabels[fragmentMode])}
        </button>
      )}
    </li>
  );
});
