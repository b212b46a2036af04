/**
 * Recordings, consent (toestemming) and uploads over HTTP. JSON requests go through `http.ts`
 * like the rest of the API; the two requests with a raw body (the resumable video upload, done by
 * tus-js-client, and the scan of the signed consent form) carry the same CSRF header. Responses
 * are validated against the shared types, so a change on the server shows up as a clear error.
 */
import * as tus from 'tus-js-client';
import { z } from 'zod';
import { consentUses, type ConsentEvent } from '../../shared/domain/consent.ts';
import {
  mediaStatuses,
  uploadsUrl,
  type ConsentSummary,
  type MediaFileInfo,
  type MediaTrack,
  type RecordingInfo,
  type RecordingsResponse,
} from '../../shared/domain/media.ts';
import { errorCatalogue, type ErrorCode } from '../../shared/errors/index.ts';
import type { RecordConsentBody, WithdrawConsentBody } from '../../shared/protocol/media.ts';
import { ApiError, csrfHeaders, requestJson, requestVoid, type ApiErrorCode } from './http.ts';

const decisions = z.object({
  own: z.boolean(),
  researchers: z.boolean(),
  colleagues: z.boolean(),
  training: z.boolean(),
  clientInterview: z.boolean(),
});

const track = z.object({
  kind: z.enum(['video', 'audio', 'other']),
  codec: z.string().nullable(),
  width: z.number().optional(),
  height: z.number().optional(),
}) satisfies z.ZodType<MediaTrack>;

const mediaFile = z.object({
  id: z.string(),
  status: z.enum(mediaStatuses),
  mime: z.string().nullable(),
  container: z.enum(['mp4', 'mov', 'webm', 'matroska']).nullable(),
  durationMs: z.number().nullable(),
  tracks: z.array(track),
  sizeBytes: z.number(),
  uploadedBytes: z.number(),
  faststart: z.boolean().nullable(),
  createdAt: z.number(),
  streamUrl: z.string().nullable(),
  uploadUrl: z.string().nullable().default(null),
}) satisfies z.ZodType<MediaFileInfo>;

const consentSummary = z.object({
  decisions,
  consentDate: z.string().nullable(),
  clientSignedOn: z.string().nullable().default(null),
  managerSignedOn: z.string().nullable().default(null),
  retentionUntil: z.string().nullable(),
  scanMissing: z.boolean().default(false),
  recordedBy: z.string().nullable().optional(),
  lawfulBasis: z.string().nullable().optional(),
  hasForm: z.boolean().optional(),
}) satisfies z.ZodType<ConsentSummary>;

const playDecision = z.discriminatedUnion('allowed', [
  z.object({ allowed: z.literal(true) }),
  z.object({ allowed: z.literal(false), reason: z.string(), use: z.enum(consentUses).nullable(), message: z.string() }),
]);

const recording = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.number(),
  erased: z.boolean(),
  /** Not (yet) sent by the server; used when present, so "gewist op …" shows for everyone. */
  erasedAt: z.number().nullable(),
  erasedReason: z.enum(['withdrawn', 'retention', 'owner_removed']).nullable(),
  consent: consentSummary.nullable(),
  play: playDecision,
  media: z.array(mediaFile),
}) satisfies z.ZodType<RecordingInfo>;

const recordingsResponse = z.object({
  recordings: z.array(recording),
  maxUploadBytes: z.number(),
  quota: z.object({ usedBytes: z.number(), limitBytes: z.number() }),
}) satisfies z.ZodType<RecordingsResponse>;

const consentEvent = z.object({
  id: z.number(),
  at: z.number(),
  actorName: z.string().nullable(),
  kind: z.enum(['recorded', 'withdrawn', 'erased']),
  decisions,
  changed: z.array(z.enum(consentUses)),
  consentDate: z.string().nullable(),
  recordedBy: z.string().nullable(),
  lawfulBasis: z.string().nullable(),
  retentionUntil: z.string().nullable(),
  clientSignedOn: z.string().nullable().default(null),
  managerSignedOn: z.string().nullable().default(null),
}) satisfies z.ZodType<ConsentEvent>;

export type Recording = z.infer<typeof recording>;
export type Recordings = z.infer<typeof recordingsResponse>;
export type MediaFile = z.infer<typeof mediaFile>;

const recordingResponse = z.object({ recording });

const path = (strings: TemplateStringsArray, ...ids: string[]): string =>
  strings.reduce((out, part, i) => out + part + (i < ids.length ? encodeURIComponent(ids[i]!) : ''), '');

// ── Recordings and consent ──────────────────────────────────────────────────────────────────

/** The cycle's recordings as *I* may see them (with whether I may play each, and why not). */
export function fetchRecordings(cycleId: string): Promise<Recordings> {
  return requestJson('GET', path`/api/cycles/${cycleId}/recordings`, recordingsResponse);
}

/** Records (or changes) the client's decisions per use; owner only. */
export async function recordConsent(cycleId: string, recordingId: string, body: RecordConsentBody): Promise<Recording> {
  return (await requestJson('PUT', path`/api/cycles/${cycleId}/recordings/${recordingId}/consent`, recordingResponse, { body })).recording;
}

/** Withdraws some uses, or everything (`{ all: true }`), which erases the recording. */
export async function withdrawConsent(cycleId: string, recordingId: string, body: WithdrawConsentBody): Promise<Recording> {
  return (await requestJson('POST', path`/api/cycles/${cycleId}/recordings/${recordingId}/consent/withdraw`, recordingResponse, { body })).recording;
}

/** The append-only history of grants, withdrawals and the erasure; owner only. */
export async function fetchConsentHistory(cycleId: string, recordingId: string): Promise<ConsentEvent[]> {
  const schema = z.object({ events: z.array(consentEvent) });
  return (await requestJson('GET', path`/api/cycles/${cycleId}/recordings/${recordingId}/consent/history`, schema)).events;
}

/** Where the owner views the scan of the signed form (inline; the server checks ownership). */
export function consentFormUrl(cycleId: string, recordingId: string): string {
  return path`/api/cycles/${cycleId}/recordings/${recordingId}/consent/form`;
}

const formTypes = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** Uploads the scan of the signed consent form (PDF, PNG or JPEG; checked by content on the server). */
export async function uploadConsentForm(cycleId: string, recordingId: string, file: Blob): Promise<void> {
  let response: Response;
  try {
    response = await fetch(consentFormUrl(cycleId, recordingId), {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': formTypes.has(file.type) ? file.type : 'application/octet-stream',
        ...csrfHeaders(),
      },
      body: file,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network', 0);
  }
  if (!response.ok) throw apiErrorFrom(response.status, await response.text().catch(() => ''));
}

/** Cancels an unfinished upload (tus termination): the server keeps nothing of it. */
export function terminateUpload(cycleId: string, mediaId: string): Promise<void> {
  return requestVoid('DELETE', path`/api/cycles/${cycleId}/uploads/${mediaId}`);
}

// ── Resumable upload (tus) ──────────────────────────────────────────────────────────────────

const errorBody = z.object({ error: z.object({ code: z.string() }) });

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}

/** The catalogue code of a failed response (`{ error: { code } }`), as an ApiError. */
export function apiErrorFrom(status: number, body: string): ApiError {
  let code: ApiErrorCode = status === 0 ? 'network' : 'unexpected_response';
  try {
    const parsed = errorBody.safeParse(JSON.parse(body));
    if (parsed.success && isErrorCode(parsed.data.error.code)) code = parsed.data.error.code;
  } catch {
    // Not JSON: keep the generic code.
  }
  if (code === 'unexpected_response' && status === 404) code = 'not_found';
  return new ApiError(code, status);
}

/**
 * What went wrong with a tus request: the server's error code, `network` when no server
 * answered, or `file` when the browser could not read the file (moved, changed, unplugged disk).
 */
export type UploadFailure = { kind: 'api'; error: ApiError } | { kind: 'file' };

export function uploadFailureOf(error: Error): UploadFailure {
  if (error instanceof tus.DetailedError) {
    const response = error.originalResponse;
    return { kind: 'api', error: response ? apiErrorFrom(response.getStatus(), response.getBody()) : new ApiError('network', 0) };
  }
  return { kind: 'file' };
}

/** Failures after which trying again with the same file can help: no answer, 5xx, 409, 423. */
export function isTransientUploadFailure(failure: UploadFailure): boolean {
  if (failure.kind === 'file') return false;
  const { code, status } = failure.error;
  return code === 'network' || status >= 500 || status === 409 || status === 423;
}

/** The media id at the end of an upload URL (`…/uploads/:mediaId`). */
export function mediaIdOfUploadUrl(url: string): string | null {
  const m = /\/uploads\/([0-9a-f-]{36})$/.exec(url);
  return m ? m[1]! : null;
}

export function uploadEndpoint(cycleId: string): string {
  return new URL(uploadsUrl(cycleId), window.location.origin).href;
}

export function uploadUrlOf(cycleId: string, mediaId: string): string {
  return new URL(path`/api/cycles/${cycleId}/uploads/${mediaId}`, window.location.origin).href;
}

export interface UploadCallbacks {
  onProgress: (bytesSent: number, bytesTotal: number) => void;
  /** The server created the upload (or confirmed the one we resume): remember its URL. */
  onUploadUrl: (url: string) => void;
  onSuccess: () => void;
  onError: (failure: UploadFailure) => void;
}

export interface UploadStart {
  cycleId: string;
  file: File;
  /** Resume this upload (after a pause, a dropped connection or a page reload). */
  uploadUrl?: string | null;
  /** Add the file to an existing recording; else the server makes a new one ("video 2"). */
  recordingId?: string | null;
}

/** Reasonable PATCH size: small enough for proxies with body limits, large enough to be quick. */
const chunkBytes = 64 * 1024 * 1024;
/**
 * tus retries by itself a few times within seconds; a longer outage is the caller's: it shows
 * "verbinding verbroken" and tries again when the network is back (or on a timer).
 */
const retryDelays = [0, 1000, 3000];

/**
 * Starts (or resumes) a resumable upload with the standard tus-js-client. The fingerprint
 * storage of tus-js-client is not used: the caller remembers unfinished uploads per cycle.
 */
export function startResumableUpload(start: UploadStart, callbacks: UploadCallbacks): tus.Upload {
  const metadata: Record<string, string> = {
    filename: start.file.name.slice(0, 255),
    filetype: start.file.type.slice(0, 100),
  };
  if (start.recordingId) metadata['recordingId'] = start.recordingId;
  const upload: tus.Upload = new tus.Upload(start.file, {
    endpoint: uploadEndpoint(start.cycleId),
    uploadUrl: start.uploadUrl ?? null,
    metadata,
    headers: csrfHeaders(),
    chunkSize: chunkBytes,
    retryDelays,
    storeFingerprintForResuming: false,
    removeFingerprintOnSuccess: false,
    // Offline, tus would spend its retries at once; the caller waits for the network instead.
    onShouldRetry: (error) => isTransientUploadFailure(uploadFailureOf(error)) && navigator.onLine,
    onUploadUrlAvailable: () => {
      if (upload.url) callbacks.onUploadUrl(upload.url);
    },
    onProgress: callbacks.onProgress,
    onSuccess: () => callbacks.onSuccess(),
    onError: (error) => callbacks.onError(uploadFailureOf(error)),
  });
  upload.start();
  return upload;
}
