/**
 * The names of the cycle's recording files ("video 2", "video 1 · deel 2"), for every screen that
 * shows a time code (TIMECODE-1). The room reads them once with its playable media and hands them
 * down; a screen outside the room gets an empty map and shows the time alone.
 */
import { createContext, useContext } from 'react';
import { formatTimeRef, type MediaLabels } from '../../../shared/domain/cycle-doc/recording-refs.ts';
import { formatRange, formatTime } from '../../../shared/domain/cycle-doc/fragments.ts';
import type { FragmentRefAttrs } from '../../../shared/editor/extensions.ts';
import type { RecordingChoice } from './FragmentRangeForm.tsx';

export const MediaLabelsContext = createContext<MediaLabels>(new Map());

/** The files I may play, in recording order: where a typed fragment can be (SLIM-4). */
export const RecordingChoicesContext = createContext<readonly RecordingChoice[]>([]);

export function useRecordingChoices(): readonly RecordingChoice[] {
  return useContext(RecordingChoicesContext);
}

export function useMediaLabels(): MediaLabels {
  return useContext(MediaLabelsContext);
}

/**
 * A time code as a list shows it: with one known file and a code on it, the time alone is clear;
 * with several files, or a code without (or with a gone) file, the recording is named too.
 */
export function timeRefLabel(labels: MediaLabels, mediaId: string | null, start: number, end: number | null = null): string {
  const time = end !== null && end > start ? formatRange(start, end) : formatTime(start);
  // Nothing known (yet) about the recordings — still loading, or no room around — says no more
  // than the time: never "verwijderde opname" for a file that is merely not loaded.
  if (labels.size === 0) return time;
  if (labels.size === 1 && mediaId !== null && labels.has(mediaId)) return time;
  return formatTimeRef(labels, mediaId, start, end);
}

/** "▶ video 2 · 06:00–06:30 label" for a fragment reference in a report. */
export function useDescribeFragmentRef(): (ref: FragmentRefAttrs) => string {
  const labels = useMediaLabels();
  return (ref) => `▶ ${timeRefLabel(labels, ref.mediaId, ref.start, ref.end)}${ref.label ? ` ${ref.label}` : ''}`;
}

export function useTimeRef(): (mediaId: string | null, start: number, end?: number | null) => string {
  const labels = useMediaLabels();
  return (mediaId, start, end = null) => timeRefLabel(labels, mediaId, start, end);
}
