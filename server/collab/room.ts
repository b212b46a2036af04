import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { CollabConnection } from './connection.ts';
import { AwarenessOwners } from './hooks/identity.ts';
import {
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  type IncomingMessage,
} from './messages.ts';

/** Receives every update a room integrates; it must make it durable and then call `relay`.
 * `parts` are the document parts the write check mapped the update to (empty for server writes). */
export type UpdateSink = (room: Room, update: Uint8Array, origin: CollabConnection | null, parts: readonly string[]) => void;

/** The Yjs transaction origin of a client's update: who sent it and what it touches. */
interface ClientOrigin {
  readonly conn: CollabConnection;
  readonly parts: readonly string[];
}

/**
 * One loaded document with its connections. Updates are applied here first (so later messages
 * see them) but reach other connections only through `relay`, which the persist hook calls after
 * the update is committed.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<CollabConnection>();
  /** Which person and connection each awareness client id belongs to (see hooks/identity.ts). */
  readonly awarenessOwners = new AwarenessOwners();
  /**
   * Estimated size of the document in bytes: the stored updates at load plus every update
   * integrated since, reset to the snapshot's size by compaction. Checked before an update is
   * applied, so a document cannot grow without bound.
   */
  byteSize = 0;
  /** Size of each awareness state held (JSON bytes) and their sum: the room's presence is capped. */
  readonly awarenessSizes = new Map<number, number>();
  awarenessBytes = 0;
  /** Connections holding this room (including those still waiting for the load). */
  refs = 0;
  /** Entries in the stored log after the last snapshot, and the last committed sequence. */
  logLength = 0;
  lastSeq = 0;
  /** Updates integrated but not yet committed (the persist hook counts them down). */
  unsaved = 0;
  compacting = false;
  /** Set once the stored state is applied; before that the doc is incomplete. */
  loadedAt: number | null = null;
  unloadTimer: NodeJS.Timeout | null = null;
  destroyed = false;

  constructor(
    readonly name: string,
    private readonly sink: UpdateSink,
  ) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Applies stored updates without persisting or relaying them again. */
  loadStored(updates: readonly Uint8Array[]): void {
    this.doc.off('update', this.onDocUpdate);
    try {
      Y.transact(this.doc, () => {
        for (const u of updates) Y.applyUpdate(this.doc, u, 'storage');
      });
      for (const u of updates) this.byteSize += u.byteLength;
    } finally {
      this.doc.on('update', this.onDocUpdate);
    }
  }

  join(conn: CollabConnection): void {
    this.conns.add(conn);
    conn.send(encodeSyncStep1(this.doc));
    if (this.awareness.getStates().size > 0) {
      const ids = Array.from(this.awareness.getStates().keys());
      conn.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
    }
  }

  leave(conn: CollabConnection): void {
    if (!this.conns.delete(conn)) return;
    this.awarenessOwners.release(conn);
    if (conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(conn.awarenessIds), conn);
    }
  }

  /**
   * Handles one parsed message. `whenDurable` resolves once everything applied so far is
   * committed; sync-step-2 replies wait for it so nobody is shown state that a crash could lose.
   */
  handle(conn: CollabConnection, msg: IncomingMessage, whenDurable: () => Promise<void>, parts: readonly string[] = []): void {
    switch (msg.kind) {
      case 'syncStep1': {
        const sv = msg.stateVector;
        // The reply is the whole document as it is when sent: anything integrated while waiting
        // must be committed too before it goes out (persist-before-broadcast, SYNC-9).
        // (Bounded: each round is one commit, so only a room written to without pause for a
        // thousand commits gets its reply while still holding a commit in flight.)
        let rounds = 0;
        const reply = (): void => {
          if (this.destroyed || !this.conns.has(conn)) return;
          if (this.unsaved > 0 && rounds++ < 1000) return void whenDurable().then(reply);
          conn.send(encodeSyncStep2(this.doc, sv));
        };
        void whenDurable().then(reply);
        return;
      }
      case 'syncUpdate':
        Y.applyUpdate(this.doc, msg.update, { conn, parts } satisfies ClientOrigin);
        return;
      case 'awareness':
        for (const e of msg.entries) conn.awarenessIds.add(e.clientId);
        awarenessProtocol.applyAwarenessUpdate(this.awareness, msg.update, conn);
        return;
      case 'queryAwareness': {
        const ids = Array.from(this.awareness.getStates().keys());
        conn.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
        return;
      }
    }
  }

  /**
   * Whether Yjs holds structs or deletions whose dependencies are missing. It keeps them in
   * memory indefinitely waiting for those (hundreds of MiB were seen), and they never persist.
   */
  hasPending(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  /** Sends a committed update to everyone but its author. Encoded once for all receivers. */
  relay(update: Uint8Array, origin: CollabConnection | null): void {
    if (this.destroyed) return;
    const message = encodeSyncUpdate(update);
    for (const c of this.conns) if (c !== origin) c.send(message);
  }

  destroy(): void {
    this.destroyed = true;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.conns.clear();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.byteSize += update.byteLength;
    this.unsaved++;
    if (isClientOrigin(origin)) this.sink(this, update, origin.conn, origin.parts);
    else this.sink(this, update, null, []);
  };

  /**
   * Relays awareness only when the server's copy actually advanced. Echoes (the y-websocket
   * client re-sends every remote state it receives, with the same clock) are not applied by
   * Awareness and so never trigger this: no 2N-frame storms per renewal.
   */
  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    for (const id of changed) {
      const state = this.awareness.getStates().get(id);
      const size = state === undefined ? 0 : Buffer.byteLength(JSON.stringify(state));
      this.awarenessBytes += size - (this.awarenessSizes.get(id) ?? 0);
      if (state === undefined) this.awarenessSizes.delete(id);
      else this.awarenessSizes.set(id, size);
    }
    const message = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const c of this.conns) if (c !== origin) c.send(message);
  };
}

function isClientOrigin(origin: unknown): origin is ClientOrigin {
  return typeof origin === 'object' && origin !== null && 'conn' in origin && 'parts' in origin;
}
