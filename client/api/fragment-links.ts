/**
 * Fragment links for the client interview (FRAGLINK-*): the researchers' side goes through the
 * ordinary API (session cookie, CSRF); the client's page has no account and sends its tab's
 * session token in a header, so it uses fetch directly here.
 */
import { z } from 'zod';
import { errorCatalogue, type ErrorCode } from '../../shared/errors/index.ts';
import { fragmentSessionHeader, type ClientFragment, type FragmentLinkInfo, type FragmentSession } from '../../shared/protocol/fragment-links.ts';
import { ApiError, requestJson, requestVoid } from './http.ts';

const path = (strings: TemplateStringsArray, ...ids: string[]): string =>
  strings.reduce((out, part, i) => out + part + (i < ids.length ? encodeURIComponent(ids[i]!) : ''), '');

const linkInfo = z.object({
  id: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  createdByName: z.string().nullable(),
  fragments: z.number(),
  active: z.boolean(),
}) satisfies z.ZodType<FragmentLinkInfo>;

const madeLink = z.object({ link: z.object({ id: z.string(), path: z.string(), expiresAt: z.number(), fragments: z.number() }) });
export type MadeLink = z.infer<typeof madeLink>['link'];

export async function createFragmentLink(cycleId: string): Promise<MadeLink> {
  return (await requestJson('POST', path`/api/cycles/${cycleId}/fragment-links`, madeLink, { body: {} })).link;
}

export async function listFragmentLinks(cycleId: string): Promise<FragmentLinkInfo[]> {
  return (await requestJson('GET', path`/api/cycles/${cycleId}/fragment-links`, z.object({ links: z.array(linkInfo) }))).links;
}

export function endFragmentLink(cycleId: string, linkId: string): Promise<void> {
  return requestVoid('DELETE', path`/api/cycles/${cycleId}/fragment-links/${linkId}`);
}

// ── The client's page ────────────────────────────────────────────────────────────────────────

const clientFragment = z.object({ index: z.number(), label: z.string(), start: z.number(), end: z.number(), playFrom: z.number(), playTo: z.number(), mediaUrl: z.string() }) satisfies z.ZodType<ClientFragment>;
const sessionSchema = z.object({ session: z.string(), expiresAt: z.number(), fragments: z.array(clientFragment) }) satisfies z.ZodType<FragmentSession>;
const fragmentsSchema = z.object({ expiresAt: z.number(), fragments: z.array(clientFragment) });

async function clientRequest<T>(url: string, schema: z.ZodType<T>, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new ApiError('network', 0);
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const code = (json as { error?: { code?: string } } | null)?.error?.code;
    throw new ApiError(code !== undefined && code in errorCatalogue ? (code as ErrorCode) : 'unexpected_response', response.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError('unexpected_response', response.status);
  return parsed.data;
}

/** Hands in the link's secret (from the address fragment) for this tab's session. */
export function exchangeFragmentLink(token: string): Promise<FragmentSession> {
  return clientRequest('/api/kijken/sessie', sessionSchema, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ token }),
  });
}

/** The fragments again, for a tab that already has its session (after a reload). */
export function fetchClientFragments(session: string): Promise<{ expiresAt: number; fragments: ClientFragment[] }> {
  return clientRequest('/api/kijken/fragmenten', fragmentsSchema, { method: 'GET', headers: { accept: 'application/json', [fragmentSessionHeader]: session } });
}
