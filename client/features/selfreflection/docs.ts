/** The core-question reflection in my own layer, as a snapshot store (re-read only after a change). */
import { coreReflectionOf, readCoreReflection, type CoreAnswerView } from '../../../shared/domain/cycle-doc/core-reflection.ts';
import { addTakeaway, listTakeaways, takeawaysOf } from '../../../shared/domain/cycle-doc/intake.ts';
import { docStore, useYStore, YStore } from '../../collab/playback.ts';
import type { CollabSession } from '../../collab/session.ts';

const sameJson = <T,>(a: T, b: T): boolean => JSON.stringify(a) === JSON.stringify(b);

export function useCoreReflection(layer: CollabSession): CoreAnswerView[] {
  const map = coreReflectionOf(layer.doc);
  return useYStore(docStore(layer.doc, 'self:coreReflection', () => new YStore(map, () => readCoreReflection(map), sameJson)));
}

/**
 * "Wat ik anders ga doen" as an aandachtspunt of the cycle (and so in the leeragenda): one action.
 * Returns false when the same text is there already, so a second click adds nothing.
 */
export function toTakeaway(session: CollabSession, text: string): boolean {
  const map = takeawaysOf(session.doc);
  const clean = text.trim();
  if (clean === '' || listTakeaways(map).some((t) => t.text.trim() === clean)) return false;
  addTakeaway(map, clean, 'aandachtspunt');
  return true;
}
