import type { FastifyInstance } from 'fastify';
import { canPlay, playRefusalCode } from '../../shared/domain/consent.ts';
import { errorCatalogue } from '../../shared/errors/index.ts';
import { access } from '../auth/access.ts';
import { parseRange } from '../media/range.ts';
import { AppError } from '../plugins/errors.ts';
import { SharedAuditThrottle } from '../storage/audit.ts';

/**
 * Playback: GET /api/media/:mediaId with HTTP Range. Consent is enforced on every request and
 * held for the whole response: a withdrawal cuts open responses of the roles it no longer covers.
 * Inline only (never a download), never cached.
 */
export async function mediaRoutes(app: FastifyInstance): Promise<void> {
  const { repos, media, config } = app;
  // A player asks for many ranges (start, seeks, buffering, `bytes=1-` probes): each person and
  // file is audited once per window, whatever the offset (AUDIT-1).
  // Across processes too (SCALE-10): one entry per window, whichever process serves the ranges.
  const playAudit = new SharedAuditThrottle(repos.tabSessions, 'media_played', config.playAuditWindowMs);

  app.get<{ Params: { mediaId: string } }>(
    '/api/media/:mediaId',
    { config: { access: access.media }, exposeHeadRoute: false },
    async (request, reply) => {
      const { mediaId } = request.params;
      const auth = request.auth!;
      const role = request.cycleRole!;
      const row = await repos.media.media(mediaId);
      const rec = row ? await repos.media.recording(row.recording_id) : undefined;
      if (!row || !rec || row.kind !== 'video') throw new AppError('not_found');
      const state = await media.consentState(rec);
      const decision = canPlay(role, state);
      if (!decision.allowed) {
        const code = playRefusalCode(decision.reason);
        await repos.audit.record({
          actorId: auth.user.id,
          action: 'access_denied',
          cycleId: rec.cycle_id,
          target: `media ${mediaId}`,
          detail: { reason: code, use: decision.use },
        });
        // The catalogue's code and status, with the message naming the use that is not covered.
        return reply
          .code(errorCatalogue[code].status)
          .send({ error: { code, message: decision.message, ...(decision.use ? { use: decision.use } : {}) } });
      }
      if (row.status === 'erased') throw new AppError('media_erased');
      if (row.status !== 'ready') throw new AppError('not_found');

      const size = row.size_bytes;
      const range = parseRange(request.headers.range, size);
      reply.header('Accept-Ranges', 'bytes').header('Content-Disposition', 'inline').header('Cache-Control', 'no-store');
      if (range.kind === 'unsatisfiable') {
        reply.header('Content-Range', `bytes */${size}`);
        throw new AppError('range_not_satisfiable');
      }
      const start = range.kind === 'partial' ? range.start : 0;
      const end = range.kind === 'partial' ? range.end : size - 1;
      const reader = await media.openReader(row);
      const body = reader.stream(start, end);

      const unregister = media.registerStream({
        mediaId,
        recordingId: rec.id,
        cycleId: rec.cycle_id,
        userId: auth.user.id,
        sessionId: auth.session.id_hash,
        role,
        cut: () => {
          body.destroy();
          reply.raw.destroy();
        },
      });
      reply.raw.once('close', unregister);
      if (await playAudit.shouldRecord(`${auth.user.id}:${mediaId}`)) {
        await repos.audit.record({ actorId: auth.user.id, action: 'media_played', cycleId: rec.cycle_id, target: mediaId, detail: { role } });
      }
      if (range.kind === 'partial') reply.code(206).header('Content-Range', `bytes ${start}-${end}/${size}`);
      return reply
        .type(row.mime ?? 'application/octet-stream')
        .header('Content-Length', String(end - start + 1))
        .send(body);
    },
  );
}
