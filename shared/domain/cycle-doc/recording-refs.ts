import { formatRange, formatTime } from './fragments.ts';

/**
 * Which recording (and which file of it) a time code belongs to (SPEC TIMECODE-*). Every time code
 * in a cycle — observation, fragment, werkblad sighting, and through its fragments an agenda item —
 * carries `mediaId`: the media file it was made on. A file belongs to exactly one recording, so the
 * file id names both. `null` means "not assigned": data from before time codes named their
 * recording, in a cycle that had several recordings, so nobody can tell which one was meant.
 */

/** One recording as the labels need it: its label ("video 2") and its video files in order. */
export interface RecordingFiles {
  readonly label: string;
  readonly fileIds: readonly string[];
}

/** File id → "video 2", or "video 2 · deel 1" when the recording has several files. */
export type MediaLabels = ReadonlyMap<string, string>;

export function mediaLabelsOf(recordings: readonly RecordingFiles[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const rec of recordings) {
    rec.fileIds.forEach((id, i) => out.set(id, rec.fileIds.length > 1 ? `${rec.label} · deel ${i + 1}` : rec.label));
  }
  return out;
}

/** Said instead of a recording's label when a time code has none (TIMECODE-4). */
export const unassignedRecordingLabel = 'opname onbekend';
/** Said when the file a time code names is gone (erased, or no longer known to the reader). */
export const unknownRecordingLabel = 'verwijderde opname';

export function recordingLabel(labels: MediaLabels, mediaId: string | null): string {
  if (mediaId === null) return unassignedRecordingLabel;
  return labels.get(mediaId) ?? unknownRecordingLabel;
}

/** "video 2 · 06:00" or "video 2 · 06:00–06:30": how export, print and lists name a moment. */
export function formatTimeRef(labels: MediaLabels, mediaId: string | null, start: number, end: number | null = null): string {
  const time = end !== null && end > start ? formatRange(start, end) : formatTime(start);
  return `${recordingLabel(labels, mediaId)} · ${time}`;
}

/**
 * Do two time codes lie on the same timeline? Only within one file: 1:00 in video 1 and 1:01 in
 * video 2 are different moments (TIMECODE-2). Two unassigned codes are treated alike only with
 * each other, never with an assigned one.
 */
export function sameRecording(a: string | null, b: string | null): boolean {
  return a === b;
}

/**
 * The file that existing unassigned time codes belong to, or null when that cannot be told: only
 * a cycle with exactly one recording holding exactly one video file answers (TIMECODE-5).
 */
export function soleMediaId(recordings: readonly RecordingFiles[]): string | null {
  if (recordings.length !== 1) return null;
  const files = recordings[0]!.fileIds;
  return files.length === 1 ? files[0]! : null;
}

/** Groups items by their file, in the order of `labels` (recording order), unassigned last. */
export function groupByRecording<T extends { mediaId: string | null }>(items: readonly T[], labels: MediaLabels): { mediaId: string | null; label: string; items: T[] }[] {
  const groups = new Map<string | null, T[]>();
  for (const item of items) groups.set(item.mediaId, [...(groups.get(item.mediaId) ?? []), item]);
  const order = [...labels.keys()];
  const rank = (id: string | null): number => (id === null ? Number.MAX_SAFE_INTEGER : order.indexOf(id) === -1 ? order.length : order.indexOf(id));
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([mediaId, list]) => ({ mediaId, label: recordingLabel(labels, mediaId), items: list }));
}
