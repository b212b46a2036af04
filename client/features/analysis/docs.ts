/**
 * The documents of the analysis: my private layer (`cycle:<id>:layer:<me>`, opened through
 * client/collab like every socket) and the shared cycle document, read as snapshot stores so a
 * malformed entry from a peer hides only itself. Also the facilitator's "iedereen op Volgen".
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { z } from 'zod';
import { newEntryId } from '../../../shared/domain/cycle-doc/entries.ts';
import { docKeys, layerDocName } from '../../../shared/domain/cycle-doc/keys.ts';
import { listObservations, listPublished, observationsOf, type Observation } from '../../../shared/domain/cycle-doc/observations.ts';
import { readWorksheet, worksheetOf, type WorksheetView } from '../../../shared/domain/cycle-doc/worksheet.ts';
import { acquireSession, releaseSession } from '../../collab/registry.ts';
import { docStore, useYStore, YStore } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';
import type { TimelineMarker } from '../../player/Timeline.tsx';

const sameJson = <T,>(a: T, b: T): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * My private layer: only I can open it (the server refuses everyone else with 4403). Opened only
 * once `enabled` (the Analyse tab was shown), so someone who never analyses opens no second
 * socket; then kept open while the room is, so switching tabs does not reconnect.
 */
export function useLayerSession(cycleId: string, userId: string, enabled: boolean): CollabSession | null {
  const docName = layerDocName(cycleId, userId);
  const [wanted, setWanted] = useState(enabled);
  if (enabled && !wanted) setWanted(true);
  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    if (!wanted) return;
    // Like useCollabSession: created in an effect, so an abandoned render cannot leak a socket.
    const acquired = acquireSession(docName);
    setSession(acquired);
    return () => releaseSession(acquired);
  }, [docName, wanted]);
  return session !== null && session.docName === docName ? session : null;
}

/** The `observations` collection of a document: the shared list, or a layer's own list. */
export function useObservationList(session: CollabSession): Observation[] {
  const map = observationsOf(session.doc);
  return useYStore(docStore(session.doc, 'analysis:observations', () => new YStore(map, () => listObservations(map), sameJson)));
}

/** Every analyst's published layer in the shared document, by user id. */
export function usePublished(session: CollabSession): ReadonlyMap<string, Observation[]> {
  const doc = session.doc;
  const map = doc.getMap<unknown>(docKeys.published);
  return useYStore(docStore(doc, 'analysis:published', () => new YStore(map, () => listPublished(doc), (a, b) => sameJson([...a], [...b]))));
}

export function useWorksheet(session: CollabSession): WorksheetView {
  const map = worksheetOf(session.doc);
  return useYStore(docStore(session.doc, 'analysis:worksheet', () => new YStore(map, () => readWorksheet(map), sameJson)));
}

/** Removes one reply from an observation's thread (its author's to remove; the caller asks first). */
export function deleteReply(map: Y.Map<Y.Map<unknown>>, observationId: string, replyId: string): void {
  const replies = map.get(observationId)?.get('replies');
  if (!(replies instanceof Y.Array)) return;
  const index = replies.toArray().findIndex((r: unknown) => typeof r === 'object' && r !== null && (r as { id?: unknown }).id === replyId);
  if (index >= 0) replies.delete(index, 1);
}

// ── "Iedereen op Volgen" ──────────────────────────────────────────────────────────────────

/** A facilitator's call, in the shared settings map; each new call has a new id. */
export const followCallKey = 'followCall';
const followCallSchema = z.object({ id: z.string().max(64), by: z.string().max(64), name: z.string().max(120), at: z.number() });
export type FollowCall = z.infer<typeof followCallSchema>;

/** Puts everyone on "Volgen". Only for whom the rule table allows `settings.followCall` (the caller asks first). */
export function callFollow(session: CollabSession, by: { id: string; name: string }): void {
  session.doc.getMap<unknown>(docKeys.settings).set(followCallKey, { id: newEntryId(), by: by.id, name: by.name, at: Date.now() });
}

/**
 * Calls `onCall` when someone else puts the group on "Volgen" while this page is connected. A
 * call that was already in the document when the page synced (an old one) is not acted on: the
 * provider is not yet `synced` while it applies the first sync.
 */
export function useFollowCall(session: CollabSession, userId: string, onCall: (call: FollowCall) => void): void {
  const handler = useRef(onCall);
  useEffect(() => {
    handler.current = onCall;
  });
  useEffect(() => {
    const map = session.doc.getMap<unknown>(docKeys.settings);
    const observer = (event: { keysChanged: Set<string>; transaction: { local: boolean } }): void => {
      if (event.transaction.local || !event.keysChanged.has(followCallKey) || !session.provider.synced) return;
      const call = followCallSchema.safeParse(map.get(followCallKey));
      if (call.success && call.data.by !== userId) handler.current(call.data);
    };
    map.observe(observer);
    return () => map.unobserve(observer);
  }, [session, userId]);
}

// ── Markers for the room's timeline ───────────────────────────────────────────────────────

type Listener = () => void;
const markers = new Map<string, { value: readonly TimelineMarker[]; listeners: Set<Listener> }>();
const empty: readonly TimelineMarker[] = [];

function markerSlot(cycleId: string): { value: readonly TimelineMarker[]; listeners: Set<Listener> } {
  let slot = markers.get(cycleId);
  if (slot === undefined) markers.set(cycleId, (slot = { value: empty, listeners: new Set() }));
  return slot;
}

/** The analysis panel says which observations the timeline should show (what its view lists). */
export function setAnalysisMarkers(cycleId: string, next: readonly TimelineMarker[]): void {
  const slot = markerSlot(cycleId);
  if (sameJson(slot.value, next)) return;
  slot.value = next.length === 0 ? empty : next;
  for (const l of slot.listeners) l();
}

/** For the room: markers of the analysis view that is open (my layer, published, compared). */
export function useAnalysisMarkers(cycleId: string): readonly TimelineMarker[] {
  const slot = markerSlot(cycleId);
  return useSyncExternalStore(
    (listener) => {
      slot.listeners.add(listener);
      return () => slot.listeners.delete(listener);
    },
    () => slot.value,
  );
}

/** While `enabled`, the room's timeline shows `list` (cleared when the view closes). */
export function usePublishMarkers(cycleId: string, list: readonly TimelineMarker[], enabled: boolean): void {
  const key = enabled ? JSON.stringify(list) : '';
  useEffect(() => {
    if (!enabled) return;
    setAnalysisMarkers(cycleId, JSON.parse(key) as TimelineMarker[]);
    return () => setAnalysisMarkers(cycleId, empty);
  }, [cycleId, key, enabled]);
}
