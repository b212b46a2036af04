/**
 * The kind of the open cycle (KIND-1) for every screen inside it, without passing it down: the
 * words come from the one catalogue in `shared/domain/cycle-kinds.ts`.
 */
import { createContext, useContext } from 'react';
import { defaultCycleKind, kindProfile, kindText, kindTextKeys, type CycleKind, type CycleKindProfile, type KindTextKey } from '../../../shared/domain/cycle-kinds.ts';
import { t, type MessageKey } from '../../ui/i18n/nl.ts';

const KindContext = createContext<CycleKind>(defaultCycleKind);
export const CycleKindProvider = KindContext.Provider;

export function useKindProfile(): CycleKindProfile {
  return kindProfile(useContext(KindContext));
}

/** A key of the client catalogue, or one of the sentences that name the people (KIND-3). */
export type KindMessageKey = MessageKey | KindTextKey;
export type KindT = (key: KindMessageKey, params?: Record<string, string | number>) => string;

const kindKeys: ReadonlySet<string> = new Set(kindTextKeys);
const isKindKey = (key: KindMessageKey): key is KindTextKey => kindKeys.has(key);

/**
 * `t` for a cycle of this kind: the sentences that name the klantmanager and the client come
 * from the kind catalogue (a leidinggevende and a colleague in the other kind), the rest from
 * `nl.ts`. The keys are disjoint, so a sentence can never be read in the wrong kind's words.
 */
export function kindT(kind: CycleKind): KindT {
  return (key, params = {}) => (isKindKey(key) ? kindText(kind, key, params) : t(key, params));
}

/** `kindT` for the open cycle. */
export function useKindT(): KindT {
  return kindT(useContext(KindContext));
}

/** The open cycle's kind, for the catalogue's functions (`pillarFor`, `observationKindFor`, …). */
export function useCycleKind(): CycleKind {
  return useContext(KindContext);
}
