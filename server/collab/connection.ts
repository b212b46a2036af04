import type { ErrorCode } from '../../shared/errors/index.ts';

/** Who is on the other end of a socket, as established by the authorise hook. */
export interface CollabIdentity {
  readonly userId: string | null;
  readonly name: string;
  readonly color: string;
  readonly role: string | null;
  /** Hash of the session the socket was opened with; null for anonymous foundation sockets. */
  readonly sessionId: string | null;
  readonly cycleId: string | null;
}

/**
 * One WebSocket as the room sees it. The transport (ws) stays outside the room so rooms can be
 * tested and benchmarked without sockets.
 */
export interface CollabConnection {
  readonly id: number;
  readonly docName: string;
  readonly identity: CollabIdentity;
  /** Awareness client ids this connection has announced; removed when it leaves. */
  readonly awarenessIds: Set<number>;
  /** Set the moment access is withdrawn: every later message is refused before the close lands. */
  revoked: boolean;
  send(message: Uint8Array): void;
  /** Closes with the catalogue's close code for `code`. */
  fail(code: ErrorCode): void;
}
