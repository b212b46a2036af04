/**
 * React access to collaboration sessions. Components never construct providers themselves.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { AwarenessUser, Participant } from './presence.ts';
import { acquireSession, releaseSession } from './registry.ts';
import type { CollabSession, ConnectionState } from './session.ts';

/**
 * Holds a reference to the session for `docName` while the component is mounted. Returns null
 * during the first render (sessions are created in an effect, never during render, so an
 * abandoned render cannot leak a socket).
 */
export function useCollabSession(docName: string): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    const acquired = acquireSession(docName);
    setSession(acquired);
    return () => releaseSession(acquired);
  }, [docName]);
  // After a document switch, never hand out the previous document's session.
  return session !== null && session.docName === docName ? session : null;
}

export function useConnectionState(session: CollabSession): ConnectionState {
  return useSyncExternalStore(session.subscribeState, session.getState);
}

export function useParticipants(session: CollabSession): readonly Participant[] {
  return useSyncExternalStore(session.subscribePresence, session.getParticipants);
}

/** Keeps our own awareness `user` field in step with the logged-in account. */
export function useAwarenessUser(session: CollabSession, user: AwarenessUser): void {
  const { name, color, role, userId } = user;
  useEffect(() => {
    session.setUser({ name, color, ...(role ? { role } : {}), ...(userId ? { userId } : {}) });
  }, [session, name, color, role, userId]);
}
