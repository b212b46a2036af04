/**
 * Sessions are shared per document name and reference counted: several components (editor,
 * presence list, status) and several mounts of the same page use one socket per document.
 * The last release destroys the session after a short grace period, so React StrictMode's
 * mount–unmount–mount and a quick back-and-forth navigation do not reconnect.
 */
import { CollabSession, type SessionOptions } from './session.ts';

const releaseGraceMs = 500;

interface Entry {
  readonly session: CollabSession;
  refs: number;
  disposeTimer: ReturnType<typeof setTimeout> | null;
}

const entries = new Map<string, Entry>();

export function acquireSession(docName: string, options?: SessionOptions): CollabSession {
  let entry = entries.get(docName);
  if (entry === undefined) {
    entry = { session: new CollabSession(docName, options), refs: 0, disposeTimer: null };
    entries.set(docName, entry);
  }
  if (entry.disposeTimer !== null) {
    clearTimeout(entry.disposeTimer);
    entry.disposeTimer = null;
  }
  entry.refs += 1;
  return entry.session;
}

export function releaseSession(session: CollabSession): void {
  const entry = entries.get(session.docName);
  if (entry === undefined || entry.session !== session) return;
  entry.refs -= 1;
  if (entry.refs > 0) return;
  entry.disposeTimer = setTimeout(() => {
    if (entry.refs > 0) return;
    entries.delete(session.docName);
    session.destroy();
  }, releaseGraceMs);
}
