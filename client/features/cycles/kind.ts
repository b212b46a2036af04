/**
 * The kind of the open cycle (KIND-1) for every screen inside it, without passing it down: the
 * words come from the one catalogue in `shared/domain/cycle-kinds.ts`.
 */
import { createContext, useContext } from 'react';
import { defaultCycleKind, kindProfile, type CycleKind, type CycleKindProfile } from '../../../shared/domain/cycle-kinds.ts';

const KindContext = createContext<CycleKind>(defaultCycleKind);
export const CycleKindProvider = KindContext.Provider;

export function useKindProfile(): CycleKindProfile {
  return kindProfile(useContext(KindContext));
}
