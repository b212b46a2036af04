/**
 * The one place the client talks HTTP to the server. Same origin only (the CSP allows nothing
 * else); the session cookie is HttpOnly and travels by itself, the CSRF token is kept here and
 * sent on every state-changing request. Every answer is validated before the app sees it, and
 * every failure becomes an `ApiError` with a stable code.
 */
import { z } from 'zod';
import { errorCatalogue, type ErrorCode } from '../../shared/errors/index.ts';
import { csrfHeader } from '../../shared/protocol/http.ts';

/** Failures that never come from the server's catalogue. */
export type ClientErrorCode = 'network' | 'unexpected_response';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
  ) {
    super(`API error ${code} (${status})`);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, ...codes: ApiErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}

let csrfToken: string | null = null;

/** Remembered from `/api/me`, login and password responses; forgotten on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for requests this module does not send itself (the resumable uploader). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken === null ? {} : { [csrfHeader]: csrfToken };
}

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/**
 * Called when any request says the session is gone (expired, logged out elsewhere, disabled),
 * so the app can send the person to the login page from wherever they are.
 */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  readonly body?: unknown;
  /** Login and `/api/me` expect 401 as an ordinary answer; it must not trigger a redirect. */
  readonly expectUnauthenticated?: boolean;
  readonly signal?: AbortSignal;
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (method !== 'GET') {
    // The server requires JSON on every state-changing request, `{}` when there is nothing to say.
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body ?? {});
    if (csrfToken !== null) headers[csrfHeader] = csrfToken;
  }
  try {
    return await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError('network', 0);
  }
}

async function failure(response: Response, options: RequestOptions): Promise<ApiError> {
  let code: ApiErrorCode = 'unexpected_response';
  try {
    const parsed = errorBodySchema.safeParse(await response.json());
    if (parsed.success && isErrorCode(parsed.data.error.code)) code = parsed.data.error.code;
  } catch {
    // Not JSON (a proxy's error page, say): keep the generic code.
  }
  if (code === 'unexpected_response' && response.status === 404) code = 'not_found';
  if (code === 'unauthenticated' && !options.expectUnauthenticated) {
    for (const listener of unauthenticatedListeners) listener();
  }
  return new ApiError(code, response.status);
}

/** A request whose successful answer is JSON matching `schema`. */
export async function requestJson<T>(method: Method, path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (!response.ok) throw await failure(response, options);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiError('unexpected_response', response.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError('unexpected_response', response.status);
  return parsed.data;
}

/** A request whose successful answer carries nothing we read (204, 202). */
export async function requestVoid(method: Method, path: string, options: RequestOptions = {}): Promise<void> {
  const response = await send(method, path, options);
  if (!response.ok) throw await failure(response, options);
}
