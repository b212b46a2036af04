/**
 * The client's portal and form (PORTAL-*, FORM-*). The portal is not the staff app: it has no
 * login cookie and no CSRF token. Its session token lives only in this tab (sessionStorage) and
 * travels only in its own header, never in a URL.
 */
import { cycleKinds, type CycleKind } from '../../shared/domain/cycle-kinds.ts';
import { z } from 'zod';
import { consentUses } from '../../shared/domain/consent.ts';
import { errorCatalogue, type ErrorCode } from '../../shared/errors/index.ts';
import { clientSessionHeader } from '../../shared/portal/code.ts';
import type { ClientFormText } from '../../shared/portal/form-text.ts';
import { erasureScopes, type ClientWithdrawBody, type ErasureReceipt, type PortalOverview } from '../../shared/portal/protocol.ts';
import { ApiError, csrfHeaders, requestJson, type ApiErrorCode } from './http.ts';

const tokenKey = 'kijkruimte.client';

const receiptSchema = z.object({
  number: z.string(),
  recordingLabel: z.string(),
  issuedAt: z.number(),
  scope: z.enum(erasureScopes),
  erased: z.array(z.object({ part: z.enum(['media', 'key', 'transcript', 'consentForm', 'notes']), count: z.number(), at: z.number() })),
  remains: z.array(z.string()),
  reason: z.enum(['withdrawn', 'retention']).optional(),
}) satisfies z.ZodType<ErasureReceipt>;

const overviewSchema = z.object({
  recording: z.object({ label: z.string(), erased: z.boolean(), erasedAt: z.number().nullable() }),
  consentRecorded: z.boolean(),
  uses: z.array(z.object({ use: z.enum(consentUses), label: z.string(), granted: z.boolean(), since: z.string().nullable() })),
  retentionUntil: z.string().nullable(),
  access: z.array(z.object({ at: z.number(), kind: z.enum(['watched', 'exported']), role: z.string(), firstName: z.string() })),
  receipts: z.array(z.object({ number: z.string(), issuedAt: z.number() })),
  sessionExpiresAt: z.number(),
}) satisfies z.ZodType<PortalOverview>;

export function portalToken(): string | null {
  return sessionStorage.getItem(tokenKey);
}

export function forgetPortalSession(): void {
  sessionStorage.removeItem(tokenKey);
}

async function failure(response: Response): Promise<ApiError> {
  let code: ApiErrorCode = 'unexpected_response';
  try {
    const body = (await response.json()) as { error?: { code?: string } };
    const c = body.error?.code;
    if (typeof c === 'string' && Object.hasOwn(errorCatalogue, c)) code = c as ErrorCode;
  } catch {
    // Not JSON: keep the generic code.
  }
  // The session ended: the tab forgets it, and the page asks for the code again.
  if (code === 'client_session_expired') forgetPortalSession();
  return new ApiError(code, response.status);
}

async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  const token = portalToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== null) headers[clientSessionHeader] = token;
  if (method === 'POST') headers['content-type'] = 'application/json';
  let response: Response;
  try {
    // `omit`: the portal never sends the staff app's cookie, even in a browser that has one.
    response = await fetch(path, { method, headers, credentials: 'omit', cache: 'no-store', ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}) });
  } catch {
    throw new ApiError('network', 0);
  }
  if (!response.ok) throw await failure(response);
  return response;
}

async function json<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new ApiError('unexpected_response', response.status);
  return parsed.data;
}

export async function openPortalSession(code: string): Promise<void> {
  const res = await send('POST', '/api/client/session', { code });
  const { token } = await json(res, z.object({ token: z.string(), expiresAt: z.number() }));
  sessionStorage.setItem(tokenKey, token);
}

export async function fetchPortalOverview(): Promise<PortalOverview> {
  return json(await send('GET', '/api/client/overview'), overviewSchema);
}

export async function portalWithdraw(body: ClientWithdrawBody): Promise<{ overview: PortalOverview; receipt: ErasureReceipt | null }> {
  return json(await send('POST', '/api/client/withdraw', body), z.object({ overview: overviewSchema, receipt: receiptSchema.nullable() }));
}

export async function fetchReceipt(number: string): Promise<ErasureReceipt> {
  return (await json(await send('GET', `/api/client/receipts/${encodeURIComponent(number)}`), z.object({ receipt: receiptSchema }))).receipt;
}

/** Saves a file the server sent as an attachment (the token is a header, so no plain link can fetch it). */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadReceiptPdf(number: string): Promise<void> {
  const res = await send('GET', `/api/client/receipts/${encodeURIComponent(number)}/pdf`);
  save(await res.blob(), `bewijs-van-wissen-${number}.pdf`);
}

// The owner's side: the form with a new code.

const formSchema = z.custom<ClientFormText>((v) => typeof v === 'object' && v !== null && 'uses' in v && 'folder' in v);

export async function fetchClientCodeStatus(cycleId: string, recordingId: string): Promise<{ recordingLabel: string; issuedAt: number | null; kind: CycleKind }> {
  const url = `/api/cycles/${encodeURIComponent(cycleId)}/recordings/${encodeURIComponent(recordingId)}/client-code`;
  return requestJson('GET', url, z.object({ recordingLabel: z.string(), issuedAt: z.number().nullable(), kind: z.enum(cycleKinds) }));
}

export async function createClientForm(cycleId: string, recordingId: string): Promise<{ code: string; form: ClientFormText }> {
  const url = `/api/cycles/${encodeURIComponent(cycleId)}/recordings/${encodeURIComponent(recordingId)}/client-code`;
  return requestJson('POST', url, z.object({ code: z.string(), form: formSchema }));
}

export async function downloadClientFormPdf(cycleId: string, recordingId: string, code: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/api/cycles/${encodeURIComponent(cycleId)}/recordings/${encodeURIComponent(recordingId)}/client-form.pdf`, {
      method: 'POST',
      headers: { accept: 'application/pdf', 'content-type': 'application/json', ...csrfHeaders() },
      body: JSON.stringify({ code }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network', 0);
  }
  if (!response.ok) throw await failure(response);
  save(await response.blob(), 'toestemmingsformulier.pdf');
}
