import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { uploadMetadata } from '../../shared/protocol/media.ts';
import { access } from '../auth/access.ts';
import { signalRecordingsChanged } from '../media/signal.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';
import type { MediaRow } from '../storage/media.ts';

/**
 * The resumable upload endpoint: tus 1.0.0 core (HEAD offset, PATCH at an offset) plus the
 * `creation` and `termination` extensions, so the standard tus-js-client works unmodified
 * (send the CSRF token in `headers`). Owner only. Each PATCH body is encrypted as it streams in.
 */
export const TUS_VERSION = '1.0.0';
export const TUS_EXTENSIONS = 'creation,termination';

type UploadParams = { Params: { id: string; uploadId: string } };

/** Parses `Upload-Metadata`: comma-separated `key base64value` pairs. */
export function parseUploadMetadata(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const pair of header.split(',')) {
    const [key, value, extra] = pair.trim().split(' ');
    if (!key || extra !== undefined || !/^[A-Za-z0-9_.-]{1,64}$/.test(key)) throw new AppError('bad_request', 'Upload-Metadata');
    if (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new AppError('bad_request', 'Upload-Metadata value');
    const decoded = value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8');
    // Labels and file names are stored as text, which on PostgreSQL cannot hold U+0000 (PGSUITE-4).
    if (decoded.includes('\0')) throw new AppError('bad_request', 'Upload-Metadata value');
    out[key] = decoded;
  }
  return out;
}

function nonNegativeInt(value: string | string[] | undefined): number | null {
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

export async function uploadRoutes(app: FastifyInstance): Promise<void> {
  const { repos, media } = app;

  // PATCH bodies are streamed by the handler itself, never buffered by a parser.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Tus-Resumable', TUS_VERSION);
    return payload;
  });

  const requireTus = (request: FastifyRequest, reply: FastifyReply): void => {
    if (request.headers['tus-resumable'] !== TUS_VERSION) {
      reply.header('Tus-Version', TUS_VERSION);
      throw new AppError('upload_protocol');
    }
  };

  /** The upload in this cycle, or 404; an erased one is 410 (tus: terminated). */
  const uploadOf = async (cycleId: string, uploadId: string): Promise<MediaRow> => {
    const row = /^[0-9a-f-]{36}$/.test(uploadId) ? await repos.media.media(uploadId) : undefined;
    const rec = row ? await repos.media.recording(row.recording_id) : undefined;
    if (!row || !rec || rec.cycle_id !== cycleId || row.kind !== 'video') throw new AppError('not_found');
    if (row.status === 'erased') throw new AppError('media_erased');
    return row;
  };

  app.post<{ Params: { id: string } }>('/api/cycles/:id/uploads', { config: { access: access.owner } }, async (request, reply) => {
    requireTus(request, reply);
    const { id } = request.params;
    if (request.headers['upload-defer-length'] !== undefined) throw new AppError('upload_protocol', 'deferred length');
    const length = nonNegativeInt(request.headers['upload-length']);
    if (length === null) throw new AppError('bad_request', 'Upload-Length');
    if (length > app.config.maxUploadBytes) throw new AppError('media_too_large');
    if (length === 0) throw new AppError('media_truncated', 'empty file');
    const meta = parse(uploadMetadata, parseUploadMetadata(request.headers['upload-metadata'] as string | undefined));
    const cycle = (await repos.cycles.get(id))!;
    // An archived cycle is read-only: no new recordings (withdrawal and erasure still work).
    if (cycle.status === 'archived') throw new AppError('cycle_archived');
    const row = await media.createUpload({
      cycleId: id,
      orgId: cycle.org_id,
      userId: request.auth!.user.id,
      length,
      recordingId: meta.recordingId,
      label: meta.label,
      fileName: meta.filename,
    });
    return reply
      .code(201)
      .header('Location', `/api/cycles/${id}/uploads/${row.id}`)
      .header('Upload-Offset', '0')
      .send({ mediaId: row.id, recordingId: row.recording_id });
  });

  // GET answers HEAD too (tus asks the offset with HEAD); the JSON body helps everyone else.
  app.get<UploadParams>('/api/cycles/:id/uploads/:uploadId', { config: { access: access.owner } }, async (request, reply) => {
    const row = await uploadOf(request.params.id, request.params.uploadId);
    const offset = await media.uploadOffset(row);
    reply.header('Upload-Offset', String(offset)).header('Upload-Length', String(row.size_bytes));
    return { mediaId: row.id, recordingId: row.recording_id, offset, length: row.size_bytes, status: row.status };
  });

  app.patch<UploadParams>('/api/cycles/:id/uploads/:uploadId', { config: { access: access.owner } }, async (request, reply) => {
    requireTus(request, reply);
    if (request.headers['content-type'] !== 'application/offset+octet-stream') throw new AppError('unsupported_media_type');
    const offset = nonNegativeInt(request.headers['upload-offset']);
    if (offset === null) throw new AppError('bad_request', 'Upload-Offset');
    const row = await uploadOf(request.params.id, request.params.uploadId);
    const result = await media.appendUpload(row, offset, request.raw, request.params.id, request.auth!.user.id);
    // A finished file is playable now: every open player and recordings list re-reads at once.
    if (result.complete) await signalRecordingsChanged(app, request.params.id);
    return reply.code(204).header('Upload-Offset', String(result.offset)).send();
  });

  // Termination: a cancelled upload leaves nothing; a finished file is erased (key and bytes).
  app.delete<UploadParams>('/api/cycles/:id/uploads/:uploadId', { config: { access: access.owner } }, async (request, reply) => {
    const row = await uploadOf(request.params.id, request.params.uploadId);
    if (row.status === 'uploading') await media.discardUpload(row, 'cancelled', request.auth!.user.id, request.params.id);
    else {
      await media.eraseMedia(row, 'owner_removed', request.auth!.user.id, request.params.id);
      await signalRecordingsChanged(app, request.params.id);
    }
    return reply.code(204).send();
  });
}
