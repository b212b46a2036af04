import type { EditSummary } from './doc-store.ts';

/**
 * "Who changed what" logic shared by every DocStore adapter, so SQLite and PostgreSQL count and
 * order edit summaries the same way; the adapters only store and fetch rows.
 */
const hourMs = 3_600_000;

/** Start of the current hour (epoch ms): the granularity at which edits are kept. */
export function currentHour(now = Date.now()): number {
  return Math.floor(now / hourMs) * hourMs;
}

/** How an update row stores its parts (null when there is no sender or no part to record). */
export function encodeParts(userId: string | null, parts: readonly string[] | undefined): string | null {
  return userId && parts && parts.length > 0 ? parts.join(',') : null;
}

export interface EditRow {
  docName: string;
  userId: string;
  part: string;
  hour: number;
  updates: number;
}

/** An update still in the log, with its sender, parts (comma-separated) and hour. */
export interface LoggedRow {
  docName: string;
  userId: string;
  parts: string | null;
  hour: number | null;
}

/** Counts logged updates per document, person, part and hour. */
export function tally(rows: readonly LoggedRow[]): EditRow[] {
  const out = new Map<string, EditRow>();
  for (const row of rows) {
    if (row.hour === null || !row.parts) continue;
    for (const part of row.parts.split(',')) {
      const key = `${row.docName}\u0000${row.userId}\u0000${part}\u0000${row.hour}`;
      const e = out.get(key);
      if (e) e.updates++;
      else out.set(key, { docName: row.docName, userId: row.userId, part, hour: row.hour, updates: 1 });
    }
  }
  return [...out.values()];
}

/** Adds the rolled-up summaries and the live log's tally; newest hour first, at most `limit`. */
export function mergeEdits(rolled: readonly EditRow[], live: readonly EditRow[], limit: number): EditSummary[] {
  const merged = new Map<string, EditRow>();
  for (const r of [...rolled, ...live]) {
    const key = `${r.docName}\u0000${r.userId}\u0000${r.part}\u0000${r.hour}`;
    const m = merged.get(key);
    if (m) m.updates += r.updates;
    else merged.set(key, { ...r });
  }
  const sorted = [...merged.values()].sort(
    (a, b) => b.hour - a.hour || a.docName.localeCompare(b.docName) || a.userId.localeCompare(b.userId) || a.part.localeCompare(b.part),
  );
  return sorted.slice(0, limit);
}
