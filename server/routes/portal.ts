import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normaliseClientCode } from '../../shared/portal/code.ts';
import { clientSessionBody, clientWithdrawBody, type ClientSessionResponse, type PortalOverview } from '../../shared/portal/protocol.ts';
import { access } from '../auth/access.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';
import { withdrawAllWithReceipt } from '../portal/erasure.ts';
import { portalOverview } from '../portal/overview.ts';
import { receiptPdf } from '../portal/pdf.ts';
import type { RecordingRow } from '../storage/media.ts';

/**
 * The client's portal without an account (PORTAL-*): a code opens a short session for that one
 * recording. Every route after the login reads only `request.clientSession.recordingId`; no
 * identifier from the request can point elsewhere. Every action is audited with no actor (the
 * client has no account) and `by: client`, on the recording.
 */
export async function portalRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  const recordingOf = async (request: FastifyRequest): Promise<RecordingRow> => {
    const rec = await repos.media.recording(request.clientSession!.recordingId);
    if (!rec) throw new AppError('client_session_expired');
    return rec;
  };
  const audit = (rec: RecordingRow, action: 'client_portal_opened' | 'client_portal_viewed' | 'client_receipt_viewed', detail: Record<string, string> = {}) =>
    repos.audit.record({ actorId: null, action, cycleId: rec.cycle_id, target: rec.id, detail: { by: 'client', ...detail } });

  app.post('/api/client/session', { config: { access: access.public } }, async (request, reply) => {
    const { code: typed } = parse(clientSessionBody, request.body);
    const code = normaliseClientCode(typed);
    if (!await app.clientSessions.mayTry(request.ip, code)) throw new AppError('rate_limited');
    const recordingId = code === null ? undefined : await repos.portal.recordingOfCode(code);
    await app.clientSessions.attempted(request.ip, code, recordingId !== undefined);
    const rec = recordingId === undefined ? undefined : await repos.media.recording(recordingId);
    if (!rec) {
      // Anonymous: aggregated per address and minute like every anonymous refusal.
      repos.refusals.note(request.ip, 'client_code_invalid', 'POST /api/client/session');
      throw new AppError('client_code_invalid');
    }
    const session = await app.clientSessions.open(rec.id);
    await audit(rec, 'client_portal_opened');
    const body: ClientSessionResponse = session;
    return reply.code(201).header('Cache-Control', 'no-store').send(body);
  });

  app.get('/api/client/overview', { config: { access: access.client } }, async (request, reply): Promise<PortalOverview> => {
    const rec = await recordingOf(request);
    await audit(rec, 'client_portal_viewed');
    void reply.header('Cache-Control', 'no-store');
    return await portalOverview(app, rec, request.clientSession!.expiresAt);
  });

  app.post('/api/client/withdraw', { config: { access: access.client } }, async (request, reply) => {
    const body = parse(clientWithdrawBody, request.body);
    const rec = await recordingOf(request);
    if (rec.erased_at !== null) throw new AppError('media_erased');
    if ('all' in body) {
      const receipt = await withdrawAllWithReceipt(app, rec, body.scope, { actorId: null, by: 'client' });
      void reply.header('Cache-Control', 'no-store');
      return { overview: await portalOverview(app, (await repos.media.recording(rec.id))!, request.clientSession!.expiresAt), receipt };
    }
    await app.media.withdrawConsent(rec, body.uses, null, 'client');
    return { overview: await portalOverview(app, (await repos.media.recording(rec.id))!, request.clientSession!.expiresAt), receipt: null };
  });

  const receiptOf = async (request: FastifyRequest<{ Params: { number: string } }>) => {
    const rec = await recordingOf(request);
    const number = request.params.number;
    // A receipt of another recording is as unknown as one that does not exist.
    const receipt = /^W-[A-Z0-9-]{14}$/.test(number) ? await repos.portal.receipt(number, rec.id) : undefined;
    if (!receipt) throw new AppError('not_found');
    await audit(rec, 'client_receipt_viewed', { receipt: number });
    return receipt;
  };

  app.get<{ Params: { number: string } }>('/api/client/receipts/:number', { config: { access: access.client } }, async (request) => ({
    receipt: await receiptOf(request),
  }));

  app.get<{ Params: { number: string } }>('/api/client/receipts/:number/pdf', { config: { access: access.client } }, async (request, reply) => {
    const receipt = await receiptOf(request);
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `attachment; filename="bewijs-van-wissen-${receipt.number}.pdf"`)
      .header('Cache-Control', 'no-store')
      .send(await receiptPdf(receipt));
  });
}
