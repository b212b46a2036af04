import * as Y from 'yjs';
import { z } from 'zod';
import { valences } from '../../kijkwijzer/analysis.ts';
import { agendaSectionIds, pillarIds, type AgendaSectionId } from '../../kijkwijzer/reflection.ts';
import { entryMap, newEntryId, putEntry, readEntries } from './entries.ts';
import { docKeys } from './keys.ts';
import { byOrder, orderBetween } from './order.ts';

/**
 * Agenda of the reflectiegesprek: items grouped under the sections (open vragen, echtheid,
 * gezamenlijk doel, interventielogica, specifieke fragmenten), each from one of the three pillars
 * or typed directly. Linked fragments are a Y.Map<fragmentId, true> so concurrent links merge.
 */
export const agendaItemSchema = z.object({
  id: z.string(),
  section: z.enum(agendaSectionIds),
  pillar: z.enum(pillarIds).nullable().default(null),
  text: z.string().max(4_000).default(''),
  order: z.number(),
  done: z.boolean().default(false),
  fragments: z.record(z.string(), z.literal(true)).default({}),
  /** Where it was put on the agenda from ("zet op agenda"); `transcript`: the talk figures of a media file. */
  source: z.object({ kind: z.enum(['observation', 'doubt', 'interview', 'transcript', 'slim']), id: z.string() }).nullable().default(null),
  /** The valence of the observation it came from (POSITIVE-2): "wat goed gaat" stays visible. */
  valence: z.enum(valences).nullable().default(null),
  createdBy: z.string().default(''),
});
export type AgendaItem = Omit<z.infer<typeof agendaItemSchema>, 'fragments'> & { fragmentIds: string[] };

export function agendaOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return entryMap(doc, docKeys.agenda);
}

export function listAgenda(map: Y.Map<Y.Map<unknown>>): AgendaItem[] {
  return readEntries(map, agendaItemSchema)
    .map(({ fragments, ...rest }) => ({ ...rest, fragmentIds: Object.keys(fragments).sort() }))
    .sort(byOrder);
}

/** Items per section, in section order, each section sorted. */
export function groupAgenda(items: AgendaItem[]): Record<AgendaSectionId, AgendaItem[]> {
  const groups = Object.fromEntries(agendaSectionIds.map((s) => [s, [] as AgendaItem[]])) as Record<AgendaSectionId, AgendaItem[]>;
  for (const item of items) groups[item.section].push(item);
  return groups;
}

/**
 * Adds an item at the end of its section; a positive one goes after the section's last positive
 * item instead, before the rest, so that the conversation starts with what goes well
 * (POSITIVE-2). Anyone may still move it afterwards.
 */
export function addAgendaItem(
  map: Y.Map<Y.Map<unknown>>,
  input: Pick<AgendaItem, 'section' | 'text'> & Partial<Pick<AgendaItem, 'pillar' | 'source' | 'fragmentIds' | 'createdBy' | 'valence'>>,
): string {
  const id = newEntryId();
  const siblings = groupAgenda(listAgenda(map))[input.section];
  const valence = input.valence ?? null;
  const firstOther = valence === 'positive' ? siblings.findIndex((i) => i.valence !== 'positive') : -1;
  const order = firstOther === -1
    ? orderBetween(siblings.at(-1)?.order ?? null, null)
    : orderBetween(siblings[firstOther - 1]?.order ?? null, siblings[firstOther]!.order);
  map.doc!.transact(() => {
    putEntry(map, id, {
      section: input.section,
      text: input.text,
      pillar: input.pillar ?? null,
      source: input.source ?? null,
      valence,
      createdBy: input.createdBy ?? '',
      done: false,
      order,
    });
    const fragments = new Y.Map<true>();
    for (const f of input.fragmentIds ?? []) fragments.set(f, true);
    (map.get(id) as Y.Map<unknown>).set('fragments', fragments);
  });
  return id;
}

/** Moves an item into `section` just before `beforeId` (or to the end). */
export function moveAgendaItem(map: Y.Map<Y.Map<unknown>>, id: string, section: AgendaSectionId, beforeId: string | null): void {
  const entry = map.get(id);
  if (!(entry instanceof Y.Map)) return;
  const siblings = groupAgenda(listAgenda(map))[section].filter((i) => i.id !== id);
  const idx = beforeId === null ? siblings.length : siblings.findIndex((i) => i.id === beforeId);
  const at = idx < 0 ? siblings.length : idx;
  const order = orderBetween(siblings[at - 1]?.order ?? null, siblings[at]?.order ?? null);
  map.doc!.transact(() => {
    entry.set('section', section);
    entry.set('order', order);
  });
}

export function setAgendaDone(map: Y.Map<Y.Map<unknown>>, id: string, done: boolean): void {
  const entry = map.get(id);
  if (entry instanceof Y.Map && entry.get('done') !== done) entry.set('done', done);
}

export function setAgendaText(map: Y.Map<Y.Map<unknown>>, id: string, text: string): void {
  const entry = map.get(id);
  if (entry instanceof Y.Map && entry.get('text') !== text) entry.set('text', text);
}

export function linkFragment(map: Y.Map<Y.Map<unknown>>, id: string, fragmentId: string, linked = true): void {
  const fragments = map.get(id)?.get('fragments');
  if (!(fragments instanceof Y.Map)) return;
  if (linked) fragments.set(fragmentId, true);
  else fragments.delete(fragmentId);
}

export function deleteAgendaItem(map: Y.Map<Y.Map<unknown>>, id: string): void {
  map.delete(id);
}

/**
 * "Omhoog" / "omlaag": one place up or down. At the edge of a section the item crosses into the
 * neighbouring section (end of the one above, start of the one below), so the buttons alone can
 * bring an item anywhere — drag and drop is never the only way. Returns false at the very ends.
 */
export function stepAgendaItem(map: Y.Map<Y.Map<unknown>>, id: string, direction: -1 | 1): boolean {
  const items = listAgenda(map);
  const item = items.find((i) => i.id === id);
  if (!item) return false;
  const groups = groupAgenda(items);
  const siblings = groups[item.section];
  const idx = siblings.findIndex((i) => i.id === id);
  const sectionIdx = agendaSectionIds.indexOf(item.section);
  let target: { section: AgendaSectionId; beforeId: string | null } | null;
  if (direction === -1) {
    const previous = agendaSectionIds[sectionIdx - 1];
    target = idx > 0 ? { section: item.section, beforeId: siblings[idx - 1]!.id } : previous ? { section: previous, beforeId: null } : null;
  } else {
    const next = agendaSectionIds[sectionIdx + 1];
    target = idx < siblings.length - 1
      ? { section: item.section, beforeId: siblings[idx + 2]?.id ?? null }
      : next ? { section: next, beforeId: groups[next][0]?.id ?? null } : null;
  }
  if (target === null) return false;
  moveAgendaItem(map, id, target.section, target.beforeId);
  return true;
}
