/**
 * The cycle-document collections the room shows, as shared snapshot stores: fragments and
 * observations (both parsed per entry, so one malformed entry from a peer hides only itself).
 */
import { docKeys } from '../../../shared/domain/cycle-doc/keys.ts';
import { addFragment, deleteFragment, listFragments, updateFragment, type Fragment } from '../../../shared/domain/cycle-doc/fragments.ts';
import { addObservation, listObservations, type Observation, type ObservationInput } from '../../../shared/domain/cycle-doc/observations.ts';
import { docMap, docStore, useYStore, YStore } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';

const sameJson = <T,>(a: T, b: T): boolean => JSON.stringify(a) === JSON.stringify(b);

export function useFragments(session: CollabSession): Fragment[] {
  const map = docMap(session, docKeys.fragments);
  return useYStore(docStore(session.doc, 'fragments', () => new YStore(map, () => listFragments(map), sameJson)));
}

export function useObservations(session: CollabSession): Observation[] {
  const map = docMap(session, docKeys.observations);
  return useYStore(docStore(session.doc, 'observations', () => new YStore(map, () => listObservations(map), sameJson)));
}

export function saveFragment(session: CollabSession, input: Parameters<typeof addFragment>[1]): string {
  return addFragment(docMap(session, docKeys.fragments), input);
}

/** FRAGMENT-2: start, end, name, theme and file of an existing fragment. */
export function editFragment(session: CollabSession, id: string, patch: Parameters<typeof updateFragment>[2]): boolean {
  return updateFragment(docMap(session, docKeys.fragments), id, patch);
}

export function removeFragment(session: CollabSession, id: string): void {
  deleteFragment(docMap(session, docKeys.fragments), id);
}

export function saveObservation(session: CollabSession, input: ObservationInput): string {
  return addObservation(docMap(session, docKeys.observations), input);
}
