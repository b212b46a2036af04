/**
 * Turns awareness states into the participants the UI shows. The server stamps the `user` field
 * ({name, color, role, userId}) from each socket's session, but awareness still arrives over the
 * network, so it is treated as untrusted input: only a bounded string name, a `#rrggbb` colour,
 * a known role and a bounded id survive.
 */
import type { Awareness } from 'y-protocols/awareness';
import { cycleRoles, type CycleRole } from '../../shared/domain/access.ts';

export interface AwarenessUser {
  readonly name: string;
  readonly color: string;
  readonly role?: CycleRole;
  readonly userId?: string;
}

export interface Participant extends AwarenessUser {
  readonly clientId: number;
  readonly isSelf: boolean;
}

const colorPattern = /^#[0-9a-fA-F]{6}$/;
const fallbackColor = '#6b7280';
const maxNameLength = 120;
const maxIdLength = 64;

const isRole = (value: unknown): value is CycleRole => typeof value === 'string' && (cycleRoles as readonly string[]).includes(value);

export function readAwarenessUser(state: unknown): AwarenessUser | null {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null;
  const user: unknown = state.user;
  if (typeof user !== 'object' || user === null) return null;
  const name = 'name' in user && typeof user.name === 'string' ? user.name.trim().slice(0, maxNameLength) : '';
  const color = 'color' in user && typeof user.color === 'string' && colorPattern.test(user.color)
    ? user.color
    : fallbackColor;
  const role = 'role' in user && isRole(user.role) ? user.role : undefined;
  const userId = 'userId' in user && typeof user.userId === 'string' && user.userId.length <= maxIdLength ? user.userId : undefined;
  return { name, color, ...(role ? { role } : {}), ...(userId ? { userId } : {}) };
}

/** Self first, then by name, so the list does not jump around as people move their cursors. */
export function participantsOf(awareness: Awareness): Participant[] {
  const participants: Participant[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const user = readAwarenessUser(state);
    if (user === null) continue;
    participants.push({ ...user, clientId, isSelf: clientId === awareness.clientID });
  }
  return participants.sort((a, b) =>
    a.isSelf !== b.isSelf ? (a.isSelf ? -1 : 1) : a.name.localeCompare(b.name, 'nl') || a.clientId - b.clientId,
  );
}

export function sameParticipants(a: readonly Participant[], b: readonly Participant[]): boolean {
  return a.length === b.length && a.every((p, i) => {
    const q = b[i];
    return q !== undefined && p.clientId === q.clientId && p.name === q.name && p.color === q.color && p.isSelf === q.isSelf && p.role === q.role;
  });
}
