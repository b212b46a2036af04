import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import * as Y from 'yjs';
import { closeCodeFor, type ErrorCode } from '../../shared/errors/index.ts';
import type { DocStore, EditSummary } from '../storage/doc-store.ts';
import type { CollabConnection, CollabIdentity } from './connection.ts';
import type { AuthoriseHook } from './hooks/authorise.ts';
import { defaultCollabLimits, LimitHook, SocketCounts, type CollabLimits } from './hooks/limit.ts';
import { createCollabLog, type CollabLog } from './hooks/log.ts';
import { PersistHook } from './hooks/persist.ts';
import { noFanout, type Fanout } from './fanout/fanout.ts';
import { stampAwareness } from './hooks/identity.ts';
import { AwarenessLimitError, MalformedMessageError, parseMessage, type IncomingMessage } from './messages.ts';

/** This module is the collaboration server's public API for routes (LINT-1): what they need of
 * its internals is re-exported here. The clock socket rate-limits its pings like a document socket. */
export { LimitHook };

export type SyncUpdateMessage = Extract<IncomingMessage, { kind: 'syncUpdate' }>;
export type UpdateVerdict = { ok: true; parts: readonly string[] } | { ok: false; code: ErrorCode };
import { RoomRegistry } from './registry.ts';
import type { Room } from './room.ts';

export interface CollabServerOptions {
  store: DocStore;
  authorise: AuthoriseHook;
  /** Authorises each message of an open connection (e.g. read-only roles); null allows it. */
  authoriseMessage?: (conn: CollabConnection, msg: IncomingMessage) => ErrorCode | null;
  /**
   * The write check: decides, before anything is applied, whether an update's sender may make
   * every change in it. Returns the document parts it touches (stored with it) or the refusal.
   */
  checkUpdate?: (conn: CollabConnection, doc: Room['doc'], msg: SyncUpdateMessage) => UpdateVerdict;
  /** After each commit, the documents people changed and the parts they touched. */
  onCommitted?: (changes: readonly { docName: string; userId: string; parts: readonly string[] }[]) => void;
  /** Called once a connection has joined its room (audit of document access). */
  onJoin?: (conn: CollabConnection) => void;
  log: FastifyBaseLogger;
  graceMs: number;
  compactThreshold: number;
  /** What one connection, session or person may cost; defaults from `shared/limits`. */
  limits?: CollabLimits;
  /** Fan-out to other server processes (REDIS_URL); none by default. */
  fanout?: Fanout;
}

/**
 * The collaboration server, assembled from its single-purpose hooks:
 * authorise → (limit → parse) → load (registry) → room → persist → relay, with log throughout.
 */
export class CollabServer {
  readonly persist: PersistHook;
  readonly registry: RoomRegistry;
  /** Other server processes (SCALE-1..5): revocations and erasures reach them through it. */
  readonly fanout: Fanout;
  private readonly store: DocStore;
  private readonly log: CollabLog;
  private readonly conns = new Map<number, { conn: CollabConnection; socket: WebSocket }>();
  private nextId = 1;
  private closing = false;
  private readonly limits: CollabLimits;
  private readonly sockets: SocketCounts;

  constructor(private readonly opts: CollabServerOptions) {
    this.log = createCollabLog(opts.log);
    this.limits = opts.limits ?? defaultCollabLimits;
    this.sockets = new SocketCounts(this.limits);
    this.fanout = opts.fanout ?? noFanout;
    // Commits go through the fan-out (published once committed); reads for exports do not.
    this.store = this.fanout.wrapStore(opts.store);
    this.persist = new PersistHook(this.store, {
      compactThreshold: opts.compactThreshold,
      log: opts.log,
      onCommitted: opts.onCommitted,
      onStorageFailure: (rooms) => {
        for (const room of rooms) this.resetRoom(room, 'storage_failed', new Error('commit failed'));
      },
    });
    this.registry = new RoomRegistry(this.store, this.persist, {
      graceMs: opts.graceMs,
      log: opts.log,
      onLoaded: (room) => this.fanout.roomLoaded(room),
      onEvicted: (room) => this.fanout.roomEvicted(room),
    });
    this.fanout.attach({
      loaded: (name) => this.registry.loaded(name),
      reset: (room, reason) => this.resetRoom(room, 'room_reset', new Error(reason)),
      evictUnder: (name) => this.evictUnder(name),
    });
  }

  stats(): { rooms: number; connections: number } {
    return { rooms: this.registry.size, connections: this.conns.size };
  }

  /** Must be called synchronously from the upgrade handler so no early message is missed. */
  handleSocket(socket: WebSocket, request: FastifyRequest, docName: string): void {
    const id = this.nextId++;
    const limit = new LimitHook(this.limits);
    const queue: Uint8Array[] = [];
    let conn: CollabConnection | null = null;
    let room: Room | null = null;
    let live = false;
    let closed = false;
    let counted = false;

    const fail = (code: ErrorCode, detail?: string): void => {
      if (closed) return;
      this.log.failed(docName, id, code, detail);
      socket.close(closeCodeFor(code), code);
    };

    const process = (data: Uint8Array): void => {
      if (!conn || !room || room.destroyed || conn.revoked) return;
      let msg: IncomingMessage;
      try {
        msg = parseMessage(data, this.limits);
      } catch (err) {
        const code = err instanceof AwarenessLimitError ? 'awareness_limit' : 'malformed_message';
        fail(code, err instanceof MalformedMessageError ? err.message : undefined);
        return;
      }
      const refused = this.opts.authoriseMessage?.(conn, msg) ?? null;
      if (refused) return conn.fail(refused);
      if (msg.kind === 'awareness') {
        const stamped = stampAwareness(conn, msg, room, {
          maxIds: this.limits.maxAwarenessIdsPerConnection,
          // Half the message limit: a client's echo of the whole room always fits in one message.
          maxRoomBytes: this.limits.maxAwarenessMessageBytes / 2,
        });
        if (stamped.kind === 'refuse') return conn.fail(stamped.code);
        if (stamped.kind === 'ignore') return;
        msg = stamped.msg;
      } else if (msg.kind === 'queryAwareness') {
        const limited = limit.checkQuery();
        if (limited) return conn.fail(limited);
      } else if (msg.kind === 'syncUpdate' && !msg.empty && room.byteSize + msg.update.byteLength > this.limits.maxDocBytes) {
        // Refused before Yjs sees it: nothing applied, persisted or relayed.
        return conn.fail('document_too_large');
      }
      let parts: readonly string[] = [];
      if (msg.kind === 'syncUpdate' && !msg.empty && this.opts.checkUpdate) {
        // Refused as a whole: nothing applied, persisted or relayed; the socket closes.
        let verdict: UpdateVerdict;
        try {
          verdict = this.opts.checkUpdate(conn, room.doc, msg);
        } catch (err) {
          // The check could not read this update: refused (fail closed), nothing was applied.
          return fail('malformed_message', `write check: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (!verdict.ok) return conn.fail(verdict.code);
        parts = verdict.parts;
      }
      try {
        room.handle(conn, msg, () => this.persist.whenDurable(), parts);
        if (msg.kind === 'syncUpdate' && room.hasPending()) {
          // Safety net behind the write check: whatever Yjs parked waiting for missing
          // dependencies is dropped with the room (its integrated part is never committed,
          // as the persist hook skips destroyed rooms); everyone reconnects and resyncs.
          conn.fail('update_incomplete');
          this.resetRoom(room, 'room_reset', new Error('update with missing dependencies'));
        }
      } catch (err) {
        // Decoded fine but Yjs could not integrate it: drop what it half-applied by reloading the
        // room from storage; everyone resyncs, the sender is refused.
        fail('malformed_message', 'update could not be applied');
        this.resetRoom(room, 'room_reset', err);
      }
    };

    // Last line of defence: one socket's message never takes the process down.
    const safeProcess = (data: Uint8Array): void => {
      try {
        process(data);
      } catch (err) {
        fail('malformed_message', `unexpected: ${err instanceof Error ? err.message : String(err)}`);
      }
    };

    socket.on('message', (raw: RawData, isBinary: boolean) => {
      if (closed) return;
      const data = toUint8Array(raw);
      if (!isBinary) return fail('malformed_message', 'text frame');
      const limited = limit.check(data.byteLength);
      if (limited) return fail(limited);
      if (live) safeProcess(data);
      else queue.push(data);
    });

    socket.on('close', (code: number) => {
      closed = true;
      this.conns.delete(id);
      if (counted && conn) this.sockets.remove(conn.identity);
      this.log.closed(docName, id, code);
      if (room) {
        if (conn) room.leave(conn);
        this.registry.release(room);
      }
    });
    socket.on('error', () => {
      /* 'close' follows; ws reports protocol errors (bad frames, oversize) here */
    });

    if (this.closing) return fail('shutting_down');

    void this.opts
      .authorise(docName, request)
      .then(async (auth) => {
        if (closed) return;
        if (!auth.ok) {
          this.log.refused(docName, auth.code, null);
          return fail(auth.code);
        }
        // Counted before any room is acquired: the refused (new) socket costs nothing more.
        const tooMany = this.sockets.add(auth.identity);
        if (tooMany) {
          this.log.refused(docName, tooMany, auth.identity.userId);
          return fail(tooMany);
        }
        counted = true;
        conn = makeConnection(id, docName, auth.identity, socket, fail);
        this.conns.set(id, { conn, socket });
        const entry = this.registry.acquire(docName);
        room = entry.room;
        await entry.ready;
        if (closed || room.destroyed) return;
        room.join(conn);
        live = true;
        this.opts.onJoin?.(conn);
        this.log.connected(docName, id, auth.identity.userId);
        for (const data of queue.splice(0)) safeProcess(data);
      })
      .catch((err: unknown) => {
        this.opts.log.error({ err, doc: docName }, 'collab: could not open document');
        fail('storage_failed');
      });
  }

  /**
   * Runs `fn` on a document as the server (e.g. publishing a private layer). The change goes
   * through the same pipeline as a client's: persisted, then relayed to everyone in the room.
   */
  async withDoc<T>(docName: string, fn: (doc: Room['doc']) => T): Promise<T> {
    const { room, ready } = this.registry.acquire(docName);
    try {
      await ready;
      const result = room.doc.transact(() => fn(room.doc), null);
      await this.persist.whenDurable();
      return result;
    } finally {
      this.registry.release(room);
    }
  }

  /**
   * Replaces a document's stored history by one snapshot of its current state, now. After an
   * erasure, text deleted from the document must not live on in older stored updates (PORTAL-6).
   */
  async compactNow(docName: string): Promise<void> {
    const { room, ready } = this.registry.acquire(docName);
    try {
      await ready;
      await this.persist.whenDurable();
      await this.persist.compact(room);
    } finally {
      this.registry.release(room);
    }
  }

  /** A read-only copy of a document's durable state (exports, overviews); loads nothing into rooms. */
  async readDoc(docName: string): Promise<Room['doc']> {
    await this.persist.whenDurable();
    // What arrived while waiting is in the room too: an export shows only what is stored.
    for (let i = 0, room = this.registry.loaded(docName); i < 1000 && room && !room.destroyed && room.unsaved > 0; i++, room = this.registry.loaded(docName)) {
      await this.persist.whenDurable();
    }
    const copy = new Y.Doc();
    const loaded = this.registry.loaded(docName);
    if (loaded) Y.applyUpdate(copy, Y.encodeStateAsUpdate(loaded.doc));
    else for (const u of (await this.opts.store.load(docName)).updates) Y.applyUpdate(copy, u);
    return copy;
  }

  /**
   * Deletes a document and every document under it (a cycle's: shared, interview, layers) for
   * good (DELETE-1): their rooms are dropped without being stored again, then the store deletes
   * every update, snapshot and edit summary. Sockets must have been closed first (`app.access.revoke`).
   */
  async eraseDocs(docName: string): Promise<number> {
    await this.persist.whenDurable();
    this.evictUnder(docName);
    // Other processes drop their rooms too, so none of them stores the documents again.
    this.fanout.publishControl({ kind: 'erase', docName });
    return this.opts.store.deleteDocs(docName);
  }

  /** Closes the sockets of `docName` and the documents under it and drops their rooms unstored. */
  private evictUnder(docName: string): void {
    for (const room of this.registry.list()) {
      if (room.name !== docName && !room.name.startsWith(`${docName}:`)) continue;
      for (const c of Array.from(room.conns)) c.fail('cycle_deleted');
      this.registry.evict(room);
    }
  }

  /** "Who changed what" in one document: per person, part and hour (kept across compaction). */
  edits(docName: string, limit = 500): Promise<EditSummary[]> {
    return this.opts.store.edits(docName, limit).then((rows) => rows.filter((r) => r.docName === docName));
  }

  /** Closes every open connection matching `predicate` (access revoked, session ended, …). */
  disconnectWhere(predicate: (conn: CollabConnection) => boolean, code: ErrorCode): number {
    let n = 0;
    for (const { conn } of this.conns.values()) {
      if (predicate(conn)) {
        conn.fail(code);
        n++;
      }
    }
    return n;
  }

  connections(): CollabConnection[] {
    return Array.from(this.conns.values(), (c) => c.conn);
  }

  private resetRoom(room: Room, code: ErrorCode, err: unknown): void {
    if (room.destroyed) return;
    this.log.roomReset(room.name, err);
    const members = Array.from(room.conns);
    this.registry.evict(room);
    for (const c of members) c.fail(code);
  }

  /** Graceful shutdown: refuse new sockets, close open ones, flush storage. */
  async close(): Promise<void> {
    this.closing = true;
    for (const { conn } of this.conns.values()) conn.fail('shutting_down');
    await this.registry.closeAll();
    await this.fanout.close();
  }
}

function makeConnection(
  id: number,
  docName: string,
  identity: CollabIdentity,
  socket: WebSocket,
  fail: (code: ErrorCode) => void,
): CollabConnection {
  return {
    id,
    docName,
    identity,
    awarenessIds: new Set(),
    revoked: false,
    send(message) {
      if (socket.readyState === socket.OPEN) socket.send(message, { binary: true });
    },
    fail(code) {
      this.revoked = true;
      fail(code);
    },
  };
}

function toUint8Array(raw: RawData): Uint8Array {
  if (Buffer.isBuffer(raw)) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw));
  return new Uint8Array(raw);
}
