import crypto from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AppendEntry, DocStore, LinkedSeq } from '../../storage/doc-store.ts';
import type { CollabConnection } from '../connection.ts';
import type { Room } from '../room.ts';
import { SeqChain, type ChainLink } from './chain.ts';
import type { ControlMessage, Fanout, FanoutTarget } from './fanout.ts';
import { decodeDocMessage, encodeDocMessage, type DocMessage } from './wire.ts';

/** Channel names; a deployment sharing one Redis between installations sets its own prefix. */
const prefix = 'kijkruimte:';
const controlChannel = `${prefix}control`;
const docChannel = (docName: string): string => `${prefix}doc:${docName}`;

/** How long a link waits for its predecessor over pub/sub before the database is asked: messages
 * of two processes may arrive out of commit order, which is normal and fills itself. */
const gapWaitMs = 100;
/** While Redis is unreachable, followed documents are read from the database this often. */
const outagePollMs = 1_000;

/** Control messages kept while Redis is away (beyond this, later ones are dropped and left to each process's sweep). */
const maxUnsentControl = 10_000;

/** Marks awareness applied from another process, so it is not published back. */
const remoteOrigin = Symbol('fanout');

interface Followed {
  readonly room: Room;
  readonly chain: SeqChain;
  /** The subscription to the document's channel is confirmed. */
  subscribed: boolean;
  gapTimer: NodeJS.Timeout | null;
  catching: Promise<void> | null;
  again: boolean;
  readonly onAwareness: (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void;
}

export interface RedisFanoutOptions {
  url: string;
  log: FastifyBaseLogger;
  /** How long start-up waits for Redis before giving up. */
  connectTimeoutMs?: number;
}

function isConnection(origin: unknown): origin is CollabConnection {
  return typeof origin === 'object' && origin !== null && 'identity' in origin && 'awarenessIds' in origin;
}

/**
 * Fan-out over Redis pub/sub (REDIS_URL). Pub/sub may drop messages (a slow subscriber is cut off,
 * Redis restarts), so it only ever speeds things up: the database is the truth. Each process
 * follows the chain of committed entries of every room it has loaded (`SeqChain`) and reads the
 * tail from the database when it sees a gap, when it starts following a document, when its
 * Redis connection comes back, and every second while Redis is away.
 */
export class RedisFanout implements Fanout {
  /** This process, in every message it sends (its own messages come back and are skipped). */
  readonly id = crypto.randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private target: FanoutTarget | null = null;
  private store: DocStore | null = null;
  private readonly followed = new Map<string, Followed>();
  private readonly controlHandlers: ((msg: ControlMessage) => void)[] = [];
  private outageTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private warnedDown = false;
  /** Documents with commits whose message could not be sent: on reconnecting, the others are told. */
  private readonly unsent = new Set<string>();
  /** Revocations and erasures made while Redis was away: sent once it is back (late beats never). */
  private readonly unsentControl: Buffer[] = [];

  private constructor(private readonly opts: RedisFanoutOptions) {
    // Publishing never queues while Redis is away (memory would grow with the outage): what is
    // not sent is read from the database by the others.
    this.pub = new Redis(opts.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    // Subscriptions are renewed by `onReady`, followed by a catch-up, so nothing slips between.
    this.sub = new Redis(opts.url, { autoResubscribe: false, maxRetriesPerRequest: null, lazyConnect: true });
    for (const [name, conn] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      conn.on('error', (err: Error) => {
        if (this.warnedDown) return;
        this.warnedDown = true;
        opts.log.warn({ err: err.message, conn: name }, 'fanout: Redis unreachable; documents are read from the database until it is back');
      });
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel.toString(), message));
    this.sub.on('ready', () => void this.onReady());
    this.sub.on('close', () => this.startOutagePoll());
    // A receiver that reconnected before this publisher did would never learn of what was
    // committed in between if the document then went quiet: tell it to read the database.
    this.pub.on('ready', () => {
      for (const docName of this.unsent) this.publishDoc(docName, { kind: 'resync', from: this.id });
      this.unsent.clear();
      for (const data of this.unsentControl.splice(0)) this.publishControlData(data);
    });
  }

  /** Connects both Redis connections; start-up fails with a clear message when Redis is not there. */
  static async connect(opts: RedisFanoutOptions): Promise<RedisFanout> {
    const fanout = new RedisFanout(opts);
    const timeout = opts.connectTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all([fanout.pub.connect(), fanout.sub.connect()]),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`geen verbinding binnen ${timeout} ms`)), timeout);
        }),
      ]);
    } catch (err) {
      await fanout.close();
      throw new Error(`Redis (REDIS_URL) niet bereikbaar: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
    }
    opts.log.info('fanout: several processes share documents, awareness and revocations through Redis');
    return fanout;
  }

  attach(target: FanoutTarget): void {
    this.target = target;
  }

  onControl(handler: (msg: ControlMessage) => void): void {
    this.controlHandlers.push(handler);
  }

  publishControl(msg: ControlMessage): void {
    this.publishControlData(Buffer.from(JSON.stringify({ from: this.id, ...msg })));
  }

  private publishControlData(data: Buffer): void {
    this.publish(controlChannel, data, () => {
      if (this.unsentControl.length < maxUnsentControl) this.unsentControl.push(data);
    });
  }

  wrapStore(store: DocStore): DocStore {
    this.store = store;
    return {
      load: (docName) => store.load(docName),
      loadSince: (docName, afterSeq) => store.loadSince(docName, afterSeq),
      logLength: (docName) => store.logLength(docName),
      deleteDocs: (docName) => store.deleteDocs(docName),
      edits: (p, limit) => store.edits(p, limit),
      close: () => store.close(),
      appendBatchLinked: (entries) => store.appendBatchLinked(entries),
      appendBatch: async (entries) => (await this.appendAndPublish(store, entries)).map((l) => l.seq),
      compact: (docName, snapshot, uptoSeq) => this.compact(store, docName, snapshot, uptoSeq),
    };
  }

  roomLoaded(room: Room): void {
    if (this.closed) return;
    const onAwareness: Followed['onAwareness'] = ({ added, updated, removed }, origin) => {
      // Only what this process's own clients changed (and their leaving); remote states and
      // their timeouts are every process's own business.
      if (!isConnection(origin)) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(room.awareness, added.concat(updated, removed));
      this.publishDoc(room.name, { kind: 'awareness', from: this.id, update });
    };
    const f: Followed = { room, chain: new SeqChain(room.lastSeq), subscribed: false, gapTimer: null, catching: null, again: false, onAwareness };
    this.followed.set(room.name, f);
    room.awareness.on('update', onAwareness);
    if (this.sub.status === 'ready') this.subscribe(f);
  }

  roomEvicted(room: Room): void {
    const f = this.followed.get(room.name);
    if (!f || f.room !== room) return;
    this.followed.delete(room.name);
    room.awareness.off('update', f.onAwareness);
    if (f.gapTimer) clearTimeout(f.gapTimer);
    if (this.sub.status === 'ready') this.sub.unsubscribe(docChannel(room.name)).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.outageTimer) clearInterval(this.outageTimer);
    for (const f of this.followed.values()) if (f.gapTimer) clearTimeout(f.gapTimer);
    this.followed.clear();
    this.pub.disconnect();
    this.sub.disconnect();
  }

  /** Commits, then (persist before broadcast) publishes the committed entries per document. */
  private async appendAndPublish(store: DocStore, entries: readonly AppendEntry[]): Promise<LinkedSeq[]> {
    const links = await store.appendBatchLinked(entries);
    const byDoc = new Map<string, ChainLink[]>();
    entries.forEach((e, i) => {
      const l = links[i]!;
      let list = byDoc.get(e.docName);
      if (!list) byDoc.set(e.docName, (list = []));
      list.push({ prevSeq: l.prevSeq, seq: l.seq, update: e.update });
    });
    for (const [docName, docLinks] of byDoc) {
      this.publishDoc(docName, { kind: 'updates', from: this.id, links: docLinks }, true);
      // This process's room already holds these updates: only their place in the chain matters.
      const f = this.followed.get(docName);
      if (f) this.accept(f, docLinks.map((l) => ({ prevSeq: l.prevSeq, seq: l.seq, update: null })));
    }
    return links;
  }

  /**
   * Compaction deletes every entry up to `uptoSeq`; the room may hold an own commit with a higher
   * seq while another process's earlier one has not arrived yet. Then the tail is read first and
   * the snapshot taken afterwards, so nothing is deleted that the snapshot does not hold.
   */
  private async compact(store: DocStore, docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const f = this.followed.get(docName);
    if (!f || f.chain.last >= uptoSeq) return store.compact(docName, snapshot, uptoSeq);
    await this.catchUp(f);
    if (f.room.destroyed || f.chain.last < uptoSeq) return;
    return store.compact(docName, Y.encodeStateAsUpdate(f.room.doc), f.chain.last);
  }

  private subscribe(f: Followed): void {
    const { name } = f.room;
    this.sub.subscribe(docChannel(name)).then(
      () => {
        if (this.followed.get(name) !== f) return;
        f.subscribed = true;
        // Whatever was committed between the load and the subscription, and the presence of
        // clients on other processes (they renew it only every 15 s).
        void this.catchUp(f);
        this.publishDoc(name, { kind: 'awarenessQuery', from: this.id });
      },
      () => undefined, // Redis went away meanwhile: `onReady` subscribes again.
    );
  }

  private async onReady(): Promise<void> {
    this.warnedDown = false;
    if (this.outageTimer) clearInterval(this.outageTimer);
    this.outageTimer = null;
    try {
      await this.sub.subscribe(controlChannel);
    } catch {
      return; // closed again; the next 'ready' retries
    }
    for (const f of this.followed.values()) this.subscribe(f);
  }

  private startOutagePoll(): void {
    if (this.closed || this.outageTimer) return;
    for (const f of this.followed.values()) f.subscribed = false;
    this.outageTimer = setInterval(() => {
      for (const f of this.followed.values()) void this.catchUp(f);
    }, outagePollMs);
    this.outageTimer.unref();
  }

  private onMessage(channel: string, message: Buffer): void {
    if (this.closed) return;
    try {
      if (channel === controlChannel) return this.onControlMessage(message);
      const docName = channel.slice(docChannel('').length);
      const f = this.followed.get(docName);
      if (!f) return;
      const msg = decodeDocMessage(message);
      if (msg.from === this.id) return;
      this.onDocMessage(f, msg);
    } catch (err) {
      this.opts.log.warn({ err, channel }, 'fanout: message dropped');
    }
  }

  private onControlMessage(message: Buffer): void {
    const msg = JSON.parse(message.toString()) as ControlMessage & { from?: string };
    if (msg.from === this.id) return;
    if (msg.kind === 'erase' && typeof msg.docName === 'string') this.target?.evictUnder(msg.docName);
    for (const handler of this.controlHandlers) handler(msg);
  }

  private onDocMessage(f: Followed, msg: DocMessage): void {
    const { room } = f;
    switch (msg.kind) {
      case 'updates':
        this.accept(f, msg.links);
        return;
      case 'awareness':
        this.applyAwareness(room, msg.update);
        return;
      case 'resync':
        void this.catchUp(f);
        return;
      case 'awarenessQuery': {
        const ids: number[] = [];
        const states = room.awareness.getStates();
        for (const c of room.conns) for (const id of c.awarenessIds) if (states.has(id)) ids.push(id);
        if (ids.length > 0) this.publishDoc(room.name, { kind: 'awareness', from: this.id, update: awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids) });
        return;
      }
    }
  }

  /** Remote presence: its ids are bound to their people here (LIMIT-6), then applied and relayed. */
  private applyAwareness(room: Room, update: Uint8Array): void {
    const { clients } = decodeAwarenessStates(update);
    for (const { clientId, userId } of clients) room.awarenessOwners.bindRemote(clientId, userId);
    awarenessProtocol.applyAwarenessUpdate(room.awareness, update, remoteOrigin);
  }

  private accept(f: Followed, links: readonly ChainLink[]): void {
    const ready: Uint8Array[] = [];
    for (const link of links) ready.push(...f.chain.offer(link));
    this.apply(f, ready);
    if (f.chain.hasGap && !f.gapTimer) this.watchGap(f);
  }

  /**
   * Reads the tail from the database only when the chain has not moved for `gapWaitMs`. While
   * both processes write a document there is nearly always some gap, each filling itself within
   * milliseconds; asking the database for every one that is open when a timer fires cost more
   * queries than commits under load (P8), and the extra load made more gaps outlive the wait.
   */
  private watchGap(f: Followed): void {
    const since = f.chain.last;
    f.gapTimer = setTimeout(() => {
      // Messages that arrived during a long task are read after the timers have run: look once they are in.
      setImmediate(() => {
        f.gapTimer = null;
        if (!f.chain.hasGap || this.followed.get(f.room.name) !== f) return;
        if (f.chain.last !== since) this.watchGap(f);
        else void this.catchUp(f);
      });
    }, gapWaitMs);
    f.gapTimer.unref();
  }

  /**
   * Committed updates from elsewhere: into the room without being stored again, then to this
   * process's clients (they are committed, so relaying them keeps persist-before-broadcast).
   */
  private apply(f: Followed, updates: readonly Uint8Array[]): void {
    const { room } = f;
    if (updates.length === 0 || room.destroyed) return;
    room.loadStored(updates);
    if (room.hasPending()) {
      // Cannot happen in chain order; if it did, the room reloads rather than hold half an update.
      this.target?.reset(room, 'fan-out update with missing dependencies');
      return;
    }
    room.relay(updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates]), null);
  }

  /** Reads the document's tail after the chain's `last` from the database; one read at a time. */
  private catchUp(f: Followed): Promise<void> {
    if (f.catching) {
      f.again = true;
      return f.catching;
    }
    const store = this.store;
    if (!store) return Promise.resolve();
    f.catching = (async () => {
      do {
        f.again = false;
        let tail;
        try {
          tail = await store.loadSince(f.room.name, f.chain.last);
        } catch (err) {
          this.opts.log.warn({ err, doc: f.room.name }, 'fanout: catch-up from the database failed; retried at the next gap');
          return;
        }
        if (this.followed.get(f.room.name) !== f) return;
        const follow = f.chain.advanceTo(tail.lastSeq);
        this.apply(f, [...tail.updates, ...follow]);
      } while (f.again);
    })().finally(() => {
      f.catching = null;
    });
    return f.catching;
  }

  /** `committed`: the message carries commits, which the others must learn of one way or another. */
  private publishDoc(docName: string, msg: DocMessage, committed = false): void {
    const missed = committed ? () => this.unsent.add(docName) : undefined;
    this.publish(docChannel(docName), encodeDocMessage(msg), missed);
  }

  private publish(channel: string, data: Buffer, missed?: () => void): void {
    if (this.closed) return;
    if (this.pub.status !== 'ready') return missed?.();
    this.pub.publish(channel, data).catch(() => missed?.());
  }
}

/** The client ids in an awareness update and the person the sending server stamped on each
 * (y-protocols' format: count, then per client its id, clock and state as JSON). */
function decodeAwarenessStates(update: Uint8Array): { clients: { clientId: number; userId: string | null }[] } {
  const d = decoding.createDecoder(update);
  const clients: { clientId: number; userId: string | null }[] = [];
  const n = decoding.readVarUint(d);
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d);
    decoding.readVarUint(d);
    const state = JSON.parse(decoding.readVarString(d)) as { user?: { userId?: unknown } } | null;
    if (state === null) continue;
    clients.push({ clientId, userId: typeof state.user?.userId === 'string' ? state.user.userId : null });
  }
  return { clients };
}
