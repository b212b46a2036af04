import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { docKinds, type DocKind } from '../../shared/access/rules.ts';
import { cycleRoles, type CycleRole } from '../../shared/domain/access.ts';
import { parseCycleDocName } from '../../shared/domain/cycle-doc/keys.ts';
import type { ErrorCode } from '../../shared/errors/index.ts';
import type { CollabConnection } from '../collab/connection.ts';
import type { PlaybackStream } from '../media/service.ts';

/**
 * One place where access ends (SPEC.md DOCACCESS-7). Whatever ended it — logout, member removed,
 * account disabled, password reset, session expired, consent withdrawn — every live channel of
 * the person is closed together: collaboration sockets, clock sockets and media responses. Before
 * this, each cause closed only the collaboration sockets and left the others to a sweep or to
 * nothing at all (the clock socket stayed open after logout).
 *
 * Archiving a cycle revokes nothing: an archived cycle stays readable, its sockets stay open and
 * every change on them is refused per message (`4423 cycle_archived`), as are HTTP writes.
 */
export interface RevokeMatch {
  readonly userId?: string;
  /** Hash of the session (`sessions.id_hash`), as sockets and streams carry it. */
  readonly sessionId?: string;
  /** Channels of one cycle. Clock sockets belong to no cycle and never match a cycle or role. */
  readonly cycleId?: string;
  readonly roles?: readonly CycleRole[];
  /** Narrows the media responses cut to one recording (consent is per recording); the cycle's
   * sockets still close, so their clients re-read the recordings list. */
  readonly recordingId?: string;
  /** Only collaboration sockets on this kind of document (e.g. the interview, when the client
   * withdraws `clientInterview`): clock sockets and media responses are left alone. */
  readonly docKind?: DocKind;
}

export type RevokeCode = Extract<ErrorCode, 'unauthenticated' | 'forbidden' | 'consent_changed' | 'cycle_deleted'>;

/** A revocation as another process sends it (fan-out, SCALE-5): checked before it closes anything. */
const remoteRevoke = z.object({
  match: z
    .object({
      userId: z.string().optional(),
      sessionId: z.string().optional(),
      cycleId: z.string().optional(),
      roles: z.array(z.enum(cycleRoles)).optional(),
      recordingId: z.string().optional(),
      docKind: z.enum(docKinds).optional(),
    })
    .strict(),
  code: z.enum(['unauthenticated', 'forbidden', 'consent_changed', 'cycle_deleted']),
});

export interface RevokeResult {
  sockets: number;
  clocks: number;
  streams: number;
  /** Cycles whose sockets or streams were closed (for the audit log). */
  cycleIds: string[];
}

/** An open clock socket: whose it is, and how to close it. */
export interface ClockHandle {
  readonly userId: string;
  readonly sessionId: string;
  close(code: ErrorCode): void;
}

export interface AccessControl {
  revoke(match: RevokeMatch, code: RevokeCode): RevokeResult;
  /** Registers an open clock socket; returns the function that unregisters it (on close). */
  trackClock(handle: ClockHandle): () => void;
  /** Open clock sockets (tests and diagnostics). */
  clocks(): readonly ClockHandle[];
  /** One pass of the session sweep; returns how many sessions it ended. */
  sweep(now?: number): Promise<number>;
  /**
   * A cycle's status changed here: this process and every other one re-read it, so that an
   * archived cycle refuses updates on every process's sockets (SCALE-8).
   */
  cycleStatusChanged(cycleId: string): Promise<void>;
  /** Cuts the open media responses whose person is no longer a member in that role, or may no longer play; returns how many. */
  recheckStreams(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    access: AccessControl;
  }
}

const has = (v: unknown): boolean => v !== undefined;

function matchesSocket(m: RevokeMatch, c: CollabConnection): boolean {
  const id = c.identity;
  if (has(m.userId) && id.userId !== m.userId) return false;
  if (has(m.sessionId) && id.sessionId !== m.sessionId) return false;
  if (has(m.cycleId) && id.cycleId !== m.cycleId) return false;
  if (m.roles && (id.role === null || !(m.roles as readonly string[]).includes(id.role))) return false;
  if (has(m.docKind) && parseCycleDocName(c.docName)?.kind !== m.docKind) return false;
  return true;
}

function matchesClock(m: RevokeMatch, h: ClockHandle): boolean {
  if (has(m.cycleId) || m.roles || has(m.docKind)) return false;
  if (has(m.userId) && h.userId !== m.userId) return false;
  return !has(m.sessionId) || h.sessionId === m.sessionId;
}

function matchesStream(m: RevokeMatch, s: PlaybackStream): boolean {
  if (has(m.docKind)) return false;
  if (has(m.userId) && s.userId !== m.userId) return false;
  if (has(m.sessionId) && s.sessionId !== m.sessionId) return false;
  if (has(m.cycleId) && s.cycleId !== m.cycleId) return false;
  if (has(m.recordingId) && s.recordingId !== m.recordingId) return false;
  return !m.roles || m.roles.includes(s.role);
}

/**
 * The access plugin: `app.access.revoke` and the session sweep. Registered after `collab` and
 * `media` are decorated (it reaches them only when something is revoked).
 */
export const accessPlugin = fp(
  async (app: FastifyInstance) => {
    const { repos } = app;
    const clocks = new Set<ClockHandle>();

    /** Closes the matching channels this process holds. */
    const revokeHere = (match: RevokeMatch, code: RevokeCode): RevokeResult => {
      // An empty match would close everybody's channels: always a mistake, never a policy.
      if (!has(match.userId) && !has(match.sessionId) && !has(match.cycleId)) throw new Error('revoke: match names no user, session or cycle');
      const cycleIds = new Set<string>();
      let sockets = 0;
      for (const conn of app.collab.connections()) {
        if (conn.revoked || !matchesSocket(match, conn)) continue;
        conn.fail(code);
        sockets++;
        if (conn.identity.cycleId) cycleIds.add(conn.identity.cycleId);
      }
      let closedClocks = 0;
      for (const h of [...clocks]) {
        if (!matchesClock(match, h)) continue;
        clocks.delete(h);
        h.close(code);
        closedClocks++;
      }
      const streams = app.media.cutStreams((s) => matchesStream(match, s));
      for (const s of streams) cycleIds.add(s.cycleId);
      return { sockets, clocks: closedClocks, streams: streams.length, cycleIds: [...cycleIds] };
    };

    /**
     * Here and on every other server process (REDIS_URL): a socket or stream of the person may be
     * open on any of them. The counts (for the audit log) are this process's; the others close
     * theirs as the message arrives.
     */
    const revoke = (match: RevokeMatch, code: RevokeCode): RevokeResult => {
      const result = revokeHere(match, code);
      app.collab.fanout.publishControl({ kind: 'revoke', match, code });
      return result;
    };
    /** Media responses re-checked against membership (and, in the media module, consent and erasure). */
    const recheckStreams = async (): Promise<number> => {
      // Roles read first (one query per stream's person and cycle), then checked synchronously.
      const roles = new Map<string, string | undefined>();
      for (const s of app.media.openStreams()) {
        const key = `${s.cycleId}\u0000${s.userId}`;
        if (!roles.has(key)) roles.set(key, await repos.cycles.role(s.cycleId, s.userId));
      }
      return app.media.recheckStreams((s) => roles.get(`${s.cycleId}\u0000${s.userId}`) === s.role);
    };

    const cycleStatusChanged = async (cycleId: string): Promise<void> => {
      await repos.cycles.refreshStatus(cycleId);
      app.collab.fanout.publishControl({ kind: 'cycleStatus', cycleId });
    };
    app.collab.fanout.onControl((msg) => {
      if (msg.kind === 'cycleStatus') {
        if (typeof msg.cycleId !== 'string') return;
        repos.cycles.refreshStatus(msg.cycleId).catch((err: unknown) => app.log.warn({ err }, 'access: cycle status from another process not re-read'));
        return;
      }
      if (msg.kind !== 'revoke') return;
      const parsed = remoteRevoke.safeParse(msg);
      if (!parsed.success) return void app.log.warn('access: malformed revocation from another process ignored');
      try {
        revokeHere(parsed.data.match, parsed.data.code);
      } catch (err) {
        app.log.warn({ err }, 'access: revocation from another process failed');
      }
    });

    /**
     * Re-checks every session that still has a live channel: one that ended, went idle or
     * reached its absolute limit, or whose account was disabled, is revoked as a whole. One query
     * per session and per user, not per channel, so thousands of sockets cost a few queries.
     * Then media responses are re-checked against membership and consent (a safety net: those
     * changes also cut at once where they happen).
     */
    const sweep = async (now = Date.now()): Promise<number> => {
      const sessions = new Map<string, string | null>();
      for (const c of app.collab.connections()) if (c.identity.sessionId && !c.revoked) sessions.set(c.identity.sessionId, c.identity.userId);
      for (const h of clocks) sessions.set(h.sessionId, h.userId);
      for (const s of app.media.openStreams()) sessions.set(s.sessionId, s.userId);
      const userActive = new Map<string, boolean>();
      let ended = 0;
      for (const [sessionId, userId] of sessions) {
        const session = await repos.sessions.getByHash(sessionId);
        const uid = session?.user_id ?? userId;
        let active = uid ? userActive.get(uid) : false;
        if (active === undefined && uid) {
          active = (await repos.users.get(uid))?.disabled_at === null;
          userActive.set(uid, active);
        }
        if (session && repos.sessions.isLive(session, now) && active) continue;
        const result = revoke({ sessionId }, 'unauthenticated');
        ended++;
        const detail = { sockets: result.sockets, clocks: result.clocks, streams: result.streams };
        const cycles = result.cycleIds.length > 0 ? result.cycleIds : [null];
        for (const cycleId of cycles) await repos.audit.record({ actorId: uid, action: 'session_expired', cycleId, detail });
      }
      await recheckStreams();
      await app.fragmentLinks.recheck(now);
      return ended;
    };

    // One pass at a time; a failed pass (storage unreachable) is logged and the next one retries.
    let sweeping = false;
    const timer = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      sweep()
        .catch((err: unknown) => app.log.error({ err }, 'access: session sweep failed'))
        .finally(() => (sweeping = false));
    }, app.config.sessionSweepMs);
    timer.unref();
    app.addHook('preClose', async () => clearInterval(timer));

    app.decorate('access', {
      revoke,
      trackClock(handle: ClockHandle) {
        clocks.add(handle);
        return () => clocks.delete(handle);
      },
      clocks: () => [...clocks],
      sweep,
      recheckStreams,
      cycleStatusChanged,
    } satisfies AccessControl);
  },
  { name: 'access', dependencies: ['db'] },
);

