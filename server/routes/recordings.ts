import type { FastifyInstance } from 'fastify';
import type { CycleRole } from '../../shared/domain/access.ts';
import { canPlay } from '../../shared/domain/consent.ts';
import { mediaUrl, uploadsUrl, type MediaFileInfo, type MediaTrack, type RecordingInfo, type RecordingsResponse } from '../../shared/domain/media.ts';
import { limits } from '../../shared/limits/index.ts';
import { createRecordingBody, recordConsentBodyFor, withdrawConsentBody } from '../../shared/protocol/media.ts';
import { access } from '../auth/access.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';
import { signalConsentChanged } from '../media/signal.ts';
import { withdrawAllWithReceipt } from '../portal/erasure.ts';
import type { MediaRow, RecordingRow } from '../storage/media.ts';

type RecParams = { Params: { id: string; recordingId: string } };

const erasedReasons = new Set(['withdrawn', 'retention', 'owner_removed']);

/** Recordings of a cycle and their consent (toestemming). Membership is checked by the hook. */
export async function recordingRoutes(app: FastifyInstance): Promise<void> {
  const { repos, media } = app;

  // The signed consent form is uploaded as its raw bytes (validated by content, not by this type).
  app.addContentTypeParser(
    ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: limits.maxConsentFormBytes },
    (_request, body, done) => done(null, body),
  );

  const recordingOf = async (cycleId: string, recordingId: string): Promise<RecordingRow> => {
    const rec = /^[0-9a-f-]{36}$/.test(recordingId) ? await repos.media.recording(recordingId) : undefined;
    if (!rec || rec.cycle_id !== cycleId) throw new AppError('not_found');
    return rec;
  };

  // Only people who may play get a stream address; the others get the explanation instead.
  const fileInfo = async (row: MediaRow, cycleId: string, mayPlay: boolean): Promise<MediaFileInfo> => ({
    id: row.id,
    status: row.status,
    mime: row.mime,
    container: row.container,
    durationMs: row.duration_ms,
    tracks: row.tracks ? (JSON.parse(row.tracks) as MediaTrack[]) : [],
    sizeBytes: row.size_bytes,
    uploadedBytes: row.status === 'uploading' ? await media.uploadOffset(row).catch(() => 0) : row.status === 'ready' ? row.size_bytes : 0,
    faststart: row.faststart === null ? null : row.faststart === 1,
    createdAt: row.created_at,
    streamUrl: row.status === 'ready' && mayPlay ? mediaUrl(row.id) : null,
    uploadUrl: row.status === 'uploading' ? `${uploadsUrl(cycleId)}/${row.id}` : null,
  });

  const info = async (rec: RecordingRow, role: CycleRole): Promise<RecordingInfo> => {
    const state = await media.consentState(rec);
    const current = await repos.media.currentConsent(rec.id);
    const owner = role === 'owner';
    const form = (await repos.media.mediaOf(rec.id, 'consent_form')).find((f) => f.status === 'ready');
    const files = (await repos.media.mediaOf(rec.id, 'video')).filter((f) => (owner ? f.status !== 'erased' : f.status === 'ready'));
    const play = canPlay(role, state);
    return {
      id: rec.id,
      label: rec.label,
      createdAt: rec.created_at,
      erased: rec.erased_at !== null,
      erasedAt: rec.erased_at,
      erasedReason: erasedReasons.has(rec.erased_reason ?? '') ? (rec.erased_reason as RecordingInfo['erasedReason']) : null,
      consent: current
        ? {
            decisions: current.decisions,
            consentDate: current.details.consent_date,
            clientSignedOn: current.details.client_signed_on,
            managerSignedOn: current.details.manager_signed_on,
            retentionUntil: current.details.retention_until,
            scanMissing: state.scanMissing === true,
            ...(owner ? { recordedBy: current.details.recorded_by, lawfulBasis: current.details.lawful_basis, hasForm: form !== undefined } : {}),
          }
        : null,
      play,
      media: await Promise.all(files.map((f) => fileInfo(f, rec.cycle_id, play.allowed))),
    };
  };

  app.get<{ Params: { id: string } }>('/api/cycles/:id/recordings', { config: { access: access.members } }, async (request): Promise<RecordingsResponse> => {
    const { id } = request.params;
    const role = request.cycleRole!;
    const cycle = (await repos.cycles.get(id))!;
    const recordings = await Promise.all((await repos.media.recordingsOf(id)).map((r) => info(r, role)));
    return {
      recordings,
      maxUploadBytes: app.config.maxUploadBytes,
      quota: { usedBytes: await media.orgUsage(cycle.org_id), limitBytes: app.config.orgQuotaBytes },
    };
  });

  app.post<{ Params: { id: string } }>('/api/cycles/:id/recordings', { config: { access: access.owner } }, async (request, reply) => {
    const body = parse(createRecordingBody, request.body);
    if ((await repos.cycles.get(request.params.id))?.status === 'archived') throw new AppError('cycle_archived');
    const rec = await repos.media.createRecording(request.params.id, body.label, request.auth!.user.id);
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'recording_created', cycleId: rec.cycle_id, target: rec.id });
    return reply.code(201).send({ recording: await info(rec, 'owner') });
  });

  app.put<RecParams>('/api/cycles/:id/recordings/:recordingId/consent', { config: { access: access.owner } }, async (request) => {
    const rec = await recordingOf(request.params.id, request.params.recordingId);
    // The signature dates are checked against this recording (CONSENT-SIGN-1).
    const body = parse(recordConsentBodyFor({ createdAt: rec.created_at }), request.body);
    await media.recordConsent(rec, body, request.auth!.user.id);
    // Tell open clients: someone who just gained playback should see it without reloading.
    await signalConsentChanged(app, rec.cycle_id);
    return { recording: await info((await repos.media.recording(rec.id))!, 'owner') };
  });

  app.post<RecParams>('/api/cycles/:id/recordings/:recordingId/consent/withdraw', { config: { access: access.owner } }, async (request) => {
    const body = parse(withdrawConsentBody, request.body);
    const rec = await recordingOf(request.params.id, request.params.recordingId);
    // Complete withdrawal goes the same way as the client's in the portal, with a receipt the
    // client can check there (PORTAL-6, PORTAL-7).
    if ('all' in body) await withdrawAllWithReceipt(app, rec, body.scope, { actorId: request.auth!.user.id, by: 'owner' });
    else await media.withdrawConsent(rec, body.uses, request.auth!.user.id);
    return { recording: await info((await repos.media.recording(rec.id))!, 'owner') };
  });

  app.get<RecParams>('/api/cycles/:id/recordings/:recordingId/consent/history', { config: { access: access.owner } }, async (request) => {
    const rec = await recordingOf(request.params.id, request.params.recordingId);
    return { events: await repos.media.consentHistory(rec.id) };
  });

  // The scan of the signed form: validated by magic bytes and completeness, encrypted like media.
  app.post<RecParams>('/api/cycles/:id/recordings/:recordingId/consent/form', { config: { access: access.owner } }, async (request, reply) => {
    const rec = await recordingOf(request.params.id, request.params.recordingId);
    if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_consent_form');
    if (rec.erased_at !== null) throw new AppError('media_erased');
    const cycle = (await repos.cycles.get(rec.cycle_id))!;
    const previous = (await repos.media.mediaOf(rec.id, 'consent_form')).filter((f) => f.status !== 'erased');
    const row = await media.importMedia({
      cycleId: rec.cycle_id,
      orgId: cycle.org_id,
      userId: request.auth!.user.id,
      data: request.body,
      kind: 'consent_form',
      recordingId: rec.id,
    });
    for (const old of previous) await media.eraseMedia(old, 'owner_removed', request.auth!.user.id, rec.cycle_id);
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'consent_form_uploaded', cycleId: rec.cycle_id, target: rec.id });
    // With the scan gate (SCANGATE-1) the scan may open playback for others: their lists re-read.
    await signalConsentChanged(app, rec.cycle_id);
    return reply.code(201).send({ form: { id: row.id, mime: row.mime, sizeBytes: row.size_bytes } });
  });

  app.get<RecParams>('/api/cycles/:id/recordings/:recordingId/consent/form', { config: { access: access.owner }, exposeHeadRoute: false }, async (request, reply) => {
    const rec = await recordingOf(request.params.id, request.params.recordingId);
    const form = (await repos.media.mediaOf(rec.id, 'consent_form')).find((f) => f.status === 'ready');
    if (!form) throw new AppError(rec.erased_at !== null ? 'media_erased' : 'not_found');
    const reader = await media.openReader(form);
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'consent_form_viewed', cycleId: rec.cycle_id, target: rec.id });
    return reply
      .type(form.mime ?? 'application/octet-stream')
      .header('Content-Disposition', 'inline')
      .header('Content-Length', String(form.size_bytes))
      .send(reader.stream(0, form.size_bytes - 1));
  });
}
