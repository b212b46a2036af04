import type { FastifyBaseLogger } from 'fastify';
import type { DocStore } from '../../storage/doc-store.ts';
import type { CollabConnection } from '../connection.ts';
import type { Room } from '../room.ts';
import * as Y from 'yjs';

interface Pending {
  room: Room;
  update: Uint8Array;
  origin: CollabConnection | null;
  parts: readonly string[];
}

/**
 * Persist-before-broadcast, with group commit. Updates integrated during one event-loop turn are
 * committed in one transaction and only then relayed. At most one commit is in flight: what
 * arrives while it is being made durable waits and goes into the next commit, all together, so
 * under load one flush to disk covers many updates (bench/README.md, P1/P2), and commits (and so
 * relays) keep their order with any store. If a commit fails, nothing of it is relayed and the
 * affected rooms are reset so that memory never holds what storage lost.
 */
export class PersistHook {
  private pending: Pending[] = [];
  private scheduled = false;
  /** The commit in flight, if any. */
  private inFlight: Promise<void> | null = null;
  /** The commit that will take what is pending once the one in flight ends. */
  private next: Promise<void> | null = null;

  constructor(
    private readonly store: DocStore,
    private readonly opts: {
      compactThreshold: number;
      log: FastifyBaseLogger;
      onStorageFailure: (rooms: Set<Room>) => void;
      /** After a commit: which documents a person changed, and in which parts (server writes have no sender). */
      onCommitted?: (changes: readonly { docName: string; userId: string; parts: readonly string[] }[]) => void;
    },
  ) {}

  readonly enqueue = (room: Room, update: Uint8Array, origin: CollabConnection | null, parts: readonly string[]): void => {
    this.pending.push({ room, update, origin, parts });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  };

  /** Resolves once everything enqueued so far is committed (or has failed and been reset). */
  whenDurable(): Promise<void> {
    return this.flush();
  }

  readonly flush = (): Promise<void> => {
    this.scheduled = false;
    if (this.inFlight === null) return this.pending.length === 0 ? Promise.resolve() : this.start();
    if (this.pending.length === 0) return this.next ?? this.inFlight;
    this.next ??= this.inFlight.then(() => {
      this.next = null;
      return this.start();
    });
    return this.next;
  };

  private start(): Promise<void> {
    // Someone else started the commit that took what was pending: wait for that one.
    if (this.pending.length === 0) return this.inFlight ?? Promise.resolve();
    const batch = this.pending;
    this.pending = [];
    // Never rejects: a storage failure resets the rooms (in commit), anything else is logged, so
    // the commits queued behind this one still run.
    const p = this.commit(batch)
      .catch((err: unknown) => this.opts.log.error({ err }, 'collab: after-commit step failed'))
      .finally(() => {
        if (this.inFlight === p) this.inFlight = null;
      });
    this.inFlight = p;
    return p;
  }

  private async commit(all: Pending[]): Promise<void> {
    // A room evicted in the meantime (its update could not be integrated, or storage failed)
    // reloads from storage; whatever it half-applied must not become durable.
    const batch = all.filter((p) => !p.room.destroyed);
    if (batch.length === 0) return;
    let seqs: number[];
    try {
      // Each update is stored with its sender and the parts it touched: "who changed what".
      seqs = await this.store.appendBatch(
        batch.map((p) => ({ docName: p.room.name, update: p.update, userId: p.origin?.identity.userId ?? null, parts: p.parts })),
      );
    } catch (err) {
      this.opts.log.error({ err, updates: batch.length }, 'collab: commit failed; resetting rooms');
      this.opts.onStorageFailure(new Set(batch.map((p) => p.room)));
      return;
    }
    const touched = new Set<Room>();
    for (let i = 0; i < batch.length; i++) {
      const p = batch[i]!;
      p.room.logLength++;
      p.room.unsaved--;
      p.room.lastSeq = seqs[i]!;
      touched.add(p.room);
      p.room.relay(p.update, p.origin);
    }
    if (this.opts.onCommitted) {
      const changes = batch.flatMap((p) => (p.origin?.identity.userId ? [{ docName: p.room.name, userId: p.origin.identity.userId, parts: p.parts }] : []));
      if (changes.length > 0) this.opts.onCommitted(changes);
    }
    for (const room of touched) {
      if (room.logLength >= this.opts.compactThreshold && !room.compacting && !room.destroyed) {
        void this.compact(room);
      }
    }
  }

  /** Replaces the log by a snapshot of the in-memory document, which holds every committed update. */
  async compact(room: Room): Promise<void> {
    room.compacting = true;
    try {
      const uptoSeq = room.lastSeq;
      const snapshot = Y.encodeStateAsUpdate(room.doc);
      const sizeAtSnapshot = room.byteSize;
      await this.store.compact(room.name, snapshot, uptoSeq);
      room.logLength = 0;
      // The size limit counts what is stored: now the snapshot plus what arrived meanwhile.
      room.byteSize = snapshot.byteLength + Math.max(0, room.byteSize - sizeAtSnapshot);
    } catch (err) {
      // The log is still intact; compaction is retried at the next threshold crossing.
      this.opts.log.warn({ err, doc: room.name }, 'collab: compaction failed');
    } finally {
      room.compacting = false;
    }
  }
}
