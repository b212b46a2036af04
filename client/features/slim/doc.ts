/** SLIM entries of the cycle document as a shared snapshot store (re-read only after a change). */
import { listSlim, slimOf, type SlimEntry } from '../../../shared/domain/cycle-doc/slim.ts';
import { docStore, useYStore, YStore } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';

const sameJson = <T,>(a: T, b: T): boolean => JSON.stringify(a) === JSON.stringify(b);

export function useSlim(session: CollabSession): SlimEntry[] {
  const map = slimOf(session.doc);
  return useYStore(docStore(session.doc, 'slim', () => new YStore(map, () => listSlim(map), sameJson)));
}
