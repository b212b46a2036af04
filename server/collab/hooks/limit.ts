import type { ErrorCode } from '../../../shared/errors/index.ts';
import { limits } from '../../../shared/limits/index.ts';
import type { CollabIdentity } from '../connection.ts';

/**
 * What one session may cost the collaboration server. Defaults live in `shared/limits`; the
 * server's configuration (environment) may change them, e.g. benchmarks that open thousands of
 * sockets as one demo user.
 */
export interface CollabLimits {
  maxAwarenessIdsPerConnection: number;
  maxAwarenessStateBytes: number;
  maxAwarenessMessageBytes: number;
  /** Query-awareness messages per connection per `awarenessQueryWindowMs`. */
  maxAwarenessQueries: number;
  awarenessQueryWindowMs: number;
  maxSocketsPerSession: number;
  maxSocketsPerUser: number;
  maxDocBytes: number;
}

export const defaultCollabLimits: CollabLimits = {
  maxAwarenessIdsPerConnection: limits.maxAwarenessIdsPerConnection,
  maxAwarenessStateBytes: limits.maxAwarenessStateBytes,
  maxAwarenessMessageBytes: limits.maxAwarenessMessageBytes,
  maxAwarenessQueries: limits.maxAwarenessQueries,
  awarenessQueryWindowMs: limits.awarenessQueryWindowMs,
  maxSocketsPerSession: limits.maxSocketsPerSession,
  maxSocketsPerUser: limits.maxSocketsPerUser,
  maxDocBytes: limits.maxDocBytes,
};

/**
 * Per-connection message limits. The ws library already refuses frames above
 * `limits.maxWsMessageBytes` (close 1009); this adds a message-rate bucket so one client cannot
 * flood a room. The bucket is generous: a fast typist sends ~20 messages/s.
 */
export class LimitHook {
  private tokens: number = limits.wsBurstMessages;
  private last = performance.now();
  /** When the last `maxAwarenessQueries` query-awareness messages arrived, oldest first. */
  private readonly queries: number[] = [];

  constructor(private readonly collab: CollabLimits = defaultCollabLimits) {}

  check(byteLength: number): ErrorCode | null {
    if (byteLength > limits.maxWsMessageBytes) return 'payload_too_large';
    const now = performance.now();
    this.tokens = Math.min(limits.wsBurstMessages, this.tokens + ((now - this.last) / 1000) * limits.wsMessagesPerSecond);
    this.last = now;
    if (this.tokens < 1) return 'rate_limited';
    this.tokens -= 1;
    return null;
  }

  /**
   * Each answer to a query carries the room's whole presence, so a socket asking in a loop would
   * make the server encode and send it over and over: a sliding window of a few per 10 s.
   */
  checkQuery(now = performance.now()): ErrorCode | null {
    const { maxAwarenessQueries: max, awarenessQueryWindowMs: windowMs } = this.collab;
    while (this.queries.length > 0 && now - this.queries[0]! >= windowMs) this.queries.shift();
    if (this.queries.length >= max) return 'awareness_limit';
    this.queries.push(now);
    return null;
  }
}

/**
 * Open collaboration sockets per session and per person. Each socket holds a room reference,
 * buffers and presence; hundreds from one session once took the server to 1.8 GB. Anonymous
 * sockets (only the foundation's open authorise hook, used by protocol tests, makes them) are not
 * counted: every real connection has a user and a session.
 */
export class SocketCounts {
  private readonly bySession = new Map<string, number>();
  private readonly byUser = new Map<string, number>();

  constructor(private readonly collab: CollabLimits) {}

  /** Counts a new socket, or refuses it (and counts nothing) when either limit is reached. */
  add(identity: CollabIdentity): ErrorCode | null {
    const { sessionId, userId } = identity;
    if (sessionId !== null && (this.bySession.get(sessionId) ?? 0) >= this.collab.maxSocketsPerSession) return 'too_many_connections';
    if (userId !== null && (this.byUser.get(userId) ?? 0) >= this.collab.maxSocketsPerUser) return 'too_many_connections';
    if (sessionId !== null) this.bySession.set(sessionId, (this.bySession.get(sessionId) ?? 0) + 1);
    if (userId !== null) this.byUser.set(userId, (this.byUser.get(userId) ?? 0) + 1);
    return null;
  }

  remove(identity: CollabIdentity): void {
    decrement(this.bySession, identity.sessionId);
    decrement(this.byUser, identity.userId);
  }
}

function decrement(counts: Map<string, number>, key: string | null): void {
  if (key === null) return;
  const n = (counts.get(key) ?? 0) - 1;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}
