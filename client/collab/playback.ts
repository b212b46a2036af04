/**
 * Playback state in a collaboration session: the shared transport and room settings (cycle
 * document), and each participant's playback presence (awareness). Exposed as external stores
 * with stable snapshots so React reads them through useSyncExternalStore, and so the player's
 * frame loop can read the latest transport without React in between.
 */
import { useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { docKeys } from '../../shared/domain/cycle-doc/keys.ts';
import { playbackPresenceField, readPlaybackPresence, readRoomSettings, writeRoomSettings, type PlaybackPresence, type RoomSettings } from '../../shared/playback/room.ts';
import { readTransport, type Transport } from '../../shared/playback/transport.ts';
import { readAwarenessUser, type AwarenessUser } from './presence.ts';
import type { CollabSession } from './session.ts';

const transportKey = 'transport';

type Listener = () => void;

/** What a store needs of a Y type (Y.Map, Y.Array, …): deep change notifications. */
interface Observable {
  observeDeep(f: () => void): void;
  unobserveDeep(f: () => void): void;
}

/** A snapshot store over one Y type: `read` runs only after a change, never per render. */
export class YStore<T> {
  private value: T;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly type: Observable, private readonly read: () => T, private readonly same: (a: T, b: T) => boolean = Object.is) {
    this.value = read();
  }

  /** Without subscribers nothing keeps the value fresh, so it is read again (kept if unchanged). */
  readonly get = (): T => {
    if (this.listeners.size === 0) {
      const next = this.read();
      if (!this.same(this.value, next)) this.value = next;
    }
    return this.value;
  };

  readonly subscribe = (listener: Listener): (() => void) => {
    if (this.listeners.size === 0) {
      this.value = this.read();
      this.type.observeDeep(this.onChange);
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.type.unobserveDeep(this.onChange);
    };
  };

  private readonly onChange = (): void => {
    const next = this.read();
    if (this.same(this.value, next)) return;
    this.value = next;
    for (const l of this.listeners) l();
  };
}

const stores = new WeakMap<Y.Doc, Map<string, YStore<unknown>>>();

/** One store per document and name, shared by every component that reads it. */
export function docStore<T>(doc: Y.Doc, name: string, make: () => YStore<T>): YStore<T> {
  let perDoc = stores.get(doc);
  if (perDoc === undefined) stores.set(doc, (perDoc = new Map()));
  let store = perDoc.get(name) as YStore<T> | undefined;
  if (store === undefined) perDoc.set(name, (store = make()) as YStore<unknown>);
  return store;
}

export function useYStore<T>(store: YStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}

const sameTransport = (a: Transport | null, b: Transport | null): boolean => JSON.stringify(a) === JSON.stringify(b);

export function transportStore(session: CollabSession): YStore<Transport | null> {
  const map = session.doc.getMap<unknown>(docKeys.playback);
  return docStore(session.doc, 'transport', () => new YStore(map, () => readTransport(map.get(transportKey)), sameTransport));
}

export function writeTransport(session: CollabSession, next: Transport): void {
  session.doc.getMap<unknown>(docKeys.playback).set(transportKey, next);
}

export function useTransport(session: CollabSession): Transport | null {
  return useYStore(transportStore(session));
}

const sameSettings = (a: RoomSettings, b: RoomSettings): boolean =>
  a.presenter === b.presenter && a.presenterName === b.presenterName && a.waitForAll === b.waitForAll;

export function settingsStore(session: CollabSession): YStore<RoomSettings> {
  const map = session.doc.getMap<unknown>(docKeys.settings);
  return docStore(session.doc, 'roomSettings', () => new YStore(map, () => readRoomSettings(map), sameSettings));
}

export function useRoomSettings(session: CollabSession): RoomSettings {
  return useYStore(settingsStore(session));
}

export function updateRoomSettings(session: CollabSession, patch: Partial<RoomSettings>): void {
  writeRoomSettings(session.doc.getMap<unknown>(docKeys.settings), patch);
}

// ── Playback presence (awareness) ─────────────────────────────────────────────────────────

export interface RoomParticipant extends AwarenessUser {
  readonly clientId: number;
  readonly isSelf: boolean;
  readonly playback: PlaybackPresence | null;
}

/** Announces our own playback state; the server relays it as it is (it stamps only `user`). */
export function setPlaybackPresence(session: CollabSession, presence: PlaybackPresence | null): void {
  session.setLocalField(playbackPresenceField, presence);
}

class ParticipantsStore {
  private value: readonly RoomParticipant[] = [];
  private key = '';
  private readonly listeners = new Set<Listener>();

  constructor(private readonly session: CollabSession) {
    this.recompute();
  }

  readonly get = (): readonly RoomParticipant[] => this.value;

  /** As the awareness holds it at this moment (not as last rendered). */
  readonly current = (): readonly RoomParticipant[] => {
    this.recompute();
    return this.value;
  };

  readonly subscribe = (listener: Listener): (() => void) => {
    if (this.listeners.size === 0) {
      this.session.awareness.on('change', this.recompute);
      this.recompute();
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.session.awareness.off('change', this.recompute);
    };
  };

  private readonly recompute = (): void => {
    const awareness = this.session.awareness;
    const next: RoomParticipant[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      const user = readAwarenessUser(state);
      if (user === null) continue;
      next.push({ ...user, clientId, isSelf: clientId === awareness.clientID, playback: readPlaybackPresence(state) });
    }
    next.sort((a, b) => (a.isSelf !== b.isSelf ? (a.isSelf ? -1 : 1) : a.name.localeCompare(b.name, 'nl') || a.clientId - b.clientId));
    const key = JSON.stringify(next);
    if (key === this.key) return;
    this.key = key;
    this.value = next;
    for (const l of this.listeners) l();
  };
}

const participantStores = new WeakMap<CollabSession, ParticipantsStore>();

function participantsStore(session: CollabSession): ParticipantsStore {
  let store = participantStores.get(session);
  if (store === undefined) participantStores.set(session, (store = new ParticipantsStore(session)));
  return store;
}

/** Everyone in the room with their playback presence; self first, then by name. */
export function useRoomParticipants(session: CollabSession): readonly RoomParticipant[] {
  const store = participantsStore(session);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** The same, read from the awareness now: for decisions taken outside a render (leaving the page). */
export function currentParticipants(session: CollabSession): readonly RoomParticipant[] {
  return participantsStore(session).current();
}

/** The shared Y.Map of a collection in the cycle document (fragments, observations). */
export function docMap(session: CollabSession, key: string): Y.Map<Y.Map<unknown>> {
  return session.doc.getMap<Y.Map<unknown>>(key);
}
