/**
 * Analysis layers and intervision over HTTP: who has published, publishing my private layer,
 * blind intervision and the facilitator's reveal. The layers themselves are Yjs documents (opened
 * by client/collab); these routes only move a layer into the shared cycle and report status.
 */
import { z } from 'zod';
import { cycleRoles } from '../../shared/domain/access.ts';
import type { intervisionBody } from '../../shared/protocol/http.ts';
import { requestJson } from './http.ts';

const intervision = z.object({ blind: z.boolean(), revealedAt: z.number().nullable() });
export type IntervisionState = z.infer<typeof intervision>;

const layerStatus = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.enum(cycleRoles),
  /** When the person said "klaar" (in blind intervision a colleague's publish waits for the reveal). */
  readyAt: z.number().nullable(),
  publishedAt: z.number().nullable(),
});
export type LayerStatus = z.infer<typeof layerStatus>;

const layersResponse = z.object({ intervision, layers: z.array(layerStatus) });
export type LayersOverview = z.infer<typeof layersResponse>;

const publishResponse = z.object({ published: z.number(), waitingForReveal: z.boolean() });
export type PublishResult = z.infer<typeof publishResponse>;

const base = (cycleId: string): string => `/api/cycles/${encodeURIComponent(cycleId)}`;

export function fetchLayers(cycleId: string): Promise<LayersOverview> {
  return requestJson('GET', `${base(cycleId)}/layers`, layersResponse);
}

/** Copies my private layer into the shared cycle (or, in blind intervision, marks it ready). */
export function publishLayer(cycleId: string): Promise<PublishResult> {
  return requestJson('POST', `${base(cycleId)}/layers/publish`, publishResponse);
}

export async function setIntervisionBlind(cycleId: string, blind: boolean): Promise<IntervisionState> {
  const body: z.infer<typeof intervisionBody> = { blind };
  return (await requestJson('PUT', `${base(cycleId)}/intervision`, z.object({ intervision }), { body })).intervision;
}

/** The facilitator shows every colleague's layer at once. */
export function revealIntervision(cycleId: string): Promise<{ published: number; intervision: IntervisionState }> {
  return requestJson('POST', `${base(cycleId)}/intervision/reveal`, z.object({ published: z.number(), intervision }));
}

// Only what the explanation needs; the recordings screen validates the full shape.
const recordingsForRefusal = z.object({
  recordings: z.array(z.object({
    erased: z.boolean(),
    play: z.union([z.object({ allowed: z.literal(true) }), z.object({ allowed: z.literal(false), message: z.string() })]),
  })),
});

/**
 * Why the server keeps me out of this cycle's documents: the Dutch reasons the recordings list
 * gives per recording (e.g. no consent for intervision). Empty when every recording may be played.
 */
export async function fetchPlayRefusals(cycleId: string): Promise<string[]> {
  const { recordings } = await requestJson('GET', `${base(cycleId)}/recordings`, recordingsForRefusal);
  const reasons: string[] = [];
  for (const r of recordings) if (!r.erased && !r.play.allowed && !reasons.includes(r.play.message)) reasons.push(r.play.message);
  return reasons;
}
