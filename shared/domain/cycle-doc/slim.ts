import type * as Y from 'yjs';
import { z } from 'zod';
import {
  fittingLogic,
  fittingRole,
  interventionLogicCatalogue,
  interventionLogicIds,
  logicFit,
  roleCatalogue,
  roleIds,
  selfImageCatalogue,
  selfImageIds,
  slimFit,
  slimFitLabels,
  type SlimFit,
} from '../../kijkwijzer/slim.ts';
import { entryMap, newEntryId, patchEntry, putEntry, readEntries } from './entries.ts';
import { docKeys } from './keys.ts';

/**
 * SLIM per conversation (`001_*`: "Per gesprek … een korte overkoepelende analyse aan de hand
 * van het subjectief logisch interventie model"): who records it (a researcher, or the
 * klantmanager in self-analysis) says what the client says about himself (zelfbeeld), which role
 * the professional takes, which intervention logic the trajectory follows, and which fragments
 * show it. The fit comes from `shared/kijkwijzer/slim.ts`. One entry per author in the shared
 * cycle document (`docKeys.slim`); only its author changes it (SPEC.md SLIM-*).
 */
export const slimEntrySchema = z.object({
  id: z.string(),
  author: z.string(),
  authorName: z.string().max(200).default(''),
  selfImage: z.enum(selfImageIds).nullable().default(null),
  selfImageOther: z.string().max(1_000).default(''),
  role: z.enum(roleIds).nullable().default(null),
  roleOther: z.string().max(1_000).default(''),
  logic: z.enum(interventionLogicIds).nullable().default(null),
  /** Fragment ids (`docKeys.fragments`) that show it. */
  evidence: z.array(z.string()).max(50).default([]),
  note: z.string().max(4_000).default(''),
  createdAt: z.number().default(0),
});
export type SlimEntry = z.infer<typeof slimEntrySchema>;

export function slimOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return entryMap(doc, docKeys.slim);
}

export function listSlim(map: Y.Map<Y.Map<unknown>>): SlimEntry[] {
  return readEntries(map, slimEntrySchema).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** The author's own SLIM analysis of this conversation, created when they start one. */
export function mySlim(map: Y.Map<Y.Map<unknown>>, author: string): SlimEntry | undefined {
  return listSlim(map).find((e) => e.author === author);
}

export function startSlim(map: Y.Map<Y.Map<unknown>>, author: string, authorName: string): string {
  const id = newEntryId();
  map.doc!.transact(() => putEntry(map, id, { author, authorName, selfImage: null, role: null, logic: null, evidence: [], note: '', createdAt: Date.now() }));
  return id;
}

export type SlimPatch = Partial<Pick<SlimEntry, 'selfImage' | 'selfImageOther' | 'role' | 'roleOther' | 'logic' | 'evidence' | 'note'>>;

export function updateSlim(map: Y.Map<Y.Map<unknown>>, id: string, patch: SlimPatch): boolean {
  return patchEntry(map, id, patch);
}

export interface SlimVerdict {
  readonly role: SlimFit;
  readonly logic: SlimFit;
  /** In Dutch, after the seeds: a match brings movement, a mismatch "gedoe"; and what would fit. */
  readonly explanation: string;
}

/** Fit of the recorded role and logic with the recorded self-image, with its explanation. */
export function slimVerdict(e: Pick<SlimEntry, 'selfImage' | 'role' | 'logic'>): SlimVerdict {
  const role: SlimFit = e.selfImage && e.role ? slimFit(e.selfImage, e.role) : 'unknown';
  const logic: SlimFit = e.selfImage && e.logic ? logicFit(e.selfImage, e.logic) : 'unknown';
  if (!e.selfImage || e.selfImage === 'anders') {
    return { role, logic, explanation: 'Kies het zelfbeeld van de cliënt om te zien of de benadering aansluit. Bij "anders" geeft het model geen aanwijzing.' };
  }
  const fitRole = fittingRole(e.selfImage);
  const fitLogic = fittingLogic(e.selfImage);
  const advice = `Bij "${selfImageCatalogue[e.selfImage].label}" past de rol ${fitRole ? roleCatalogue[fitRole].label.toLowerCase() : '?'} met de logica ${fitLogic ? interventionLogicCatalogue[fitLogic].trajectLabel.toLowerCase() : '?'}.`;
  if (role === 'mismatch' || logic === 'mismatch') {
    return { role, logic, explanation: `Mismatch: dan ontstaat er vaak weerstand, afhaken, verstarring of stagnatie. Een andere benadering kan helpen. ${advice}` };
  }
  if (role === 'match' && (logic === 'match' || e.logic === null)) {
    return { role, logic, explanation: `Match: dan klopt de veronderstelde actie-reactie, ontstaat er beweging en lijkt alles vanzelf te gaan. ${advice}` };
  }
  return { role, logic, explanation: advice };
}

/** One line for an agenda source or an export: "Zelfbeeld … · rol … · logica … — Sluit (niet) aan". */
export function slimSummary(e: SlimEntry): string {
  const parts: string[] = [];
  if (e.selfImage) parts.push(`Zelfbeeld: ${e.selfImage === 'anders' ? e.selfImageOther || 'anders' : selfImageCatalogue[e.selfImage].label}`);
  if (e.role) parts.push(`rol: ${e.role === 'anders' ? e.roleOther || 'anders' : roleCatalogue[e.role].label}`);
  if (e.logic) parts.push(`logica: ${interventionLogicCatalogue[e.logic].label}`);
  const v = slimVerdict(e);
  const fit = v.role !== 'unknown' ? v.role : v.logic;
  return `${parts.join(' · ')}${fit !== 'unknown' ? ` — ${slimFitLabels[fit]}` : ''}`;
}
