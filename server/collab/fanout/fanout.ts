import type { DocStore } from '../../storage/doc-store.ts';
import type { Room } from '../room.ts';

/**
 * A message for every other process (revocation, erasure). Plain JSON; each receiver validates
 * what it acts on (see `server/access/revoke.ts`).
 */
export type ControlMessage =
  | { readonly kind: 'revoke'; readonly match: unknown; readonly code: string }
  | { readonly kind: 'erase'; readonly docName: string }
  /** A cycle's status changed (archived, reopened): every process re-reads it (SCALE-8). */
  | { readonly kind: 'cycleStatus'; readonly cycleId: string }
  /** A client resumes an upload on another process: the process writing it stops (SCALE-9). */
  | { readonly kind: 'uploadTakeover'; readonly mediaId: string };

/** What the fan-out needs of the collaboration server it serves. */
export interface FanoutTarget {
  /** The loaded, ready room of a document, if this process has one. */
  loaded(docName: string): Room | undefined;
  /** Drops a room whose state went wrong; its clients reconnect and load from storage. */
  reset(room: Room, reason: string): void;
  /** Closes the sockets of a document and every document under it and drops their rooms,
   * without storing anything (a cycle deleted on another process). */
  evictUnder(docName: string): void;
}

/**
 * Fan-out between server processes (SCALE-1..5). The collaboration server calls it at a few
 * points and otherwise knows nothing of it:
 * - `wrapStore`: the document store it commits through; commits are published after they
 *   resolve (persist before broadcast across processes) and compactions stay within what this
 *   process has applied;
 * - `roomLoaded` / `roomEvicted`: which documents this process follows;
 * - `publishControl` / `onControl`: revocation and erasure for every process.
 *
 * Without `REDIS_URL` the server uses `noFanout`: the store is used as it is, nothing is sent.
 */
export interface Fanout {
  wrapStore(store: DocStore): DocStore;
  attach(target: FanoutTarget): void;
  roomLoaded(room: Room): void;
  roomEvicted(room: Room): void;
  publishControl(msg: ControlMessage): void;
  onControl(handler: (msg: ControlMessage) => void): void;
  close(): Promise<void>;
}

/** One process: nothing to fan out. */
export const noFanout: Fanout = {
  wrapStore: (store) => store,
  attach: () => undefined,
  roomLoaded: () => undefined,
  roomEvicted: () => undefined,
  publishControl: () => undefined,
  onControl: () => undefined,
  close: () => Promise.resolve(),
};
