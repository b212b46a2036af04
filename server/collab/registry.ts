import type { FastifyBaseLogger } from 'fastify';
import type { DocStore } from '../storage/doc-store.ts';
import type { PersistHook } from './hooks/persist.ts';
import { Room } from './room.ts';

/**
 * Loaded rooms by document name. A room is loaded from storage before anyone gets a sync reply,
 * and unloaded (flushed, compacted if worthwhile, destroyed) a grace period after its last
 * connection leaves. Nothing is kept for names nobody holds.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, { room: Room; ready: Promise<Room> }>();

  constructor(
    private readonly store: DocStore,
    private readonly persist: PersistHook,
    private readonly opts: {
      graceMs: number;
      log: FastifyBaseLogger;
      /** A room is ready (fan-out starts following it) and a room is dropped (it stops). */
      onLoaded?: (room: Room) => void;
      onEvicted?: (room: Room) => void;
    },
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  has(name: string): boolean {
    return this.rooms.has(name);
  }

  /** The room for `name` if it is loaded and ready (not while it is still loading). */
  loaded(name: string): Room | undefined {
    const room = this.rooms.get(name)?.room;
    return room && !room.destroyed && room.loadedAt !== null ? room : undefined;
  }

  /** Takes a reference on the room, loading it if needed. Always pair with `release`. */
  acquire(name: string): { room: Room; ready: Promise<Room> } {
    let entry = this.rooms.get(name);
    if (!entry) {
      const room = new Room(name, this.persist.enqueue);
      entry = { room, ready: this.load(room) };
      this.rooms.set(name, entry);
    }
    const { room } = entry;
    room.refs++;
    if (room.unloadTimer) {
      clearTimeout(room.unloadTimer);
      room.unloadTimer = null;
    }
    return entry;
  }

  release(room: Room): void {
    room.refs--;
    if (room.refs > 0 || room.destroyed) return;
    room.unloadTimer = setTimeout(() => void this.unload(room), this.opts.graceMs);
    room.unloadTimer.unref();
  }

  /** Drops a room at once (after a storage failure or an update Yjs could not integrate). */
  evict(room: Room): void {
    if (this.rooms.get(room.name)?.room === room) this.rooms.delete(room.name);
    this.opts.onEvicted?.(room);
    room.destroy();
  }

  list(): Room[] {
    return Array.from(this.rooms.values(), (e) => e.room);
  }

  private async load(room: Room): Promise<Room> {
    try {
      const stored = await this.store.load(room.name);
      room.loadStored(stored.updates);
      room.loadedAt = Date.now();
      room.logLength = stored.logLength;
      room.lastSeq = stored.lastSeq;
      this.opts.onLoaded?.(room);
      return room;
    } catch (err) {
      this.opts.log.error({ err, doc: room.name }, 'collab: load failed');
      this.evict(room);
      throw err;
    }
  }

  private async unload(room: Room): Promise<void> {
    room.unloadTimer = null;
    await this.persist.whenDurable();
    if (room.refs > 0 || room.destroyed) return;
    // A room that comes back later then loads one snapshot instead of replaying a long log.
    if (room.logLength >= 50) await this.persist.compact(room);
    if (room.refs > 0 || room.destroyed) return;
    this.evict(room);
  }

  /** Flushes everything and destroys every room (graceful shutdown). */
  async closeAll(): Promise<void> {
    await this.persist.whenDurable();
    for (const { room } of this.rooms.values()) {
      this.opts.onEvicted?.(room);
      room.destroy();
    }
    this.rooms.clear();
  }
}
