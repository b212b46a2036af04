import type * as Y from 'yjs';
import type { AgendaSectionId } from '../../kijkwijzer/reflection.ts';
import type { AgendaItem } from './agenda.ts';
import { positivesFirst } from './positives-first.ts';
import { listObservations, listPublished, observationsOf, type Observation } from './observations.ts';

/**
 * What feeds the agenda of the reflection from the video analysis: the shared observations plus
 * every analyst's published layer, each observation once (an adopted copy and its published
 * original share `origin.id`), positive moments first (POSITIVE-1), each group in time order.
 */
export function analysisObservations(doc: Y.Doc, mediaOrder: readonly string[] = []): Observation[] {
  const all = listObservations(observationsOf(doc));
  const seen = new Set(all.map((o) => o.origin?.id ?? o.id));
  for (const layer of listPublished(doc).values()) {
    for (const o of layer) {
      const key = o.origin?.id ?? o.id;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(o);
    }
  }
  return positivesFirst(all, mediaOrder);
}

/** Prepared questions for the client interview: observations of kind "vraag voor cliënt". */
export function questionsForClient(observations: readonly Observation[]): Observation[] {
  return observations.filter((o) => o.kind === 'questionForClient');
}

/**
 * Where an observation most likely belongs on the agenda: under the focused question its theme
 * names (echtheid, gezamenlijk doel, interventielogica), otherwise with the specific fragments —
 * an observation is tied to a moment in the recording. A question for the klantmanager without
 * such a theme is an open question.
 */
export function suggestedSection(o: Pick<Observation, 'themes' | 'kind'>): AgendaSectionId {
  if (o.themes.includes('echtheid')) return 'echtheid';
  if (o.themes.includes('doel') || o.themes.includes('agenda')) return 'doel';
  if (o.themes.includes('interventielogica')) return 'interventielogica';
  if (o.kind === 'questionForProfessional') return 'open';
  return 'fragmenten';
}

/** Source id → the agenda item made from it, to show "staat op de agenda" beside each source. */
export function agendaBySource(items: readonly AgendaItem[]): Map<string, AgendaItem> {
  const out = new Map<string, AgendaItem>();
  for (const item of items) if (item.source !== null && !out.has(item.source.id)) out.set(item.source.id, item);
  return out;
}
