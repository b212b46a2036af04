import { defaultCycleKind } from '../../shared/domain/cycle-kinds.ts';
import type { FastifyInstance } from 'fastify';
import { normaliseClientCode, portalPath, portalUrlWithCode } from '../../shared/portal/code.ts';
import { clientFormText, type ClientFormText } from '../../shared/portal/form-text.ts';
import { clientFormPdfBody, type ClientCodeResponse } from '../../shared/portal/protocol.ts';
import { access } from '../auth/access.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';
import { clientFormPdf } from '../portal/pdf.ts';
import type { RecordingRow } from '../storage/media.ts';

type RecParams = { Params: { id: string; recordingId: string } };

/**
 * The client's form and folder per recording, with a new personal code (FORM-*, PORTAL-1). Only
 * the owner; the code is shown in plaintext only in the answer that creates it.
 */
export async function clientFormRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  const recordingOf = async (cycleId: string, recordingId: string): Promise<RecordingRow> => {
    const rec = /^[0-9a-f-]{36}$/.test(recordingId) ? await repos.media.recording(recordingId) : undefined;
    if (!rec || rec.cycle_id !== cycleId) throw new AppError('not_found');
    return rec;
  };

  const formFor = async (rec: RecordingRow, code: string): Promise<ClientFormText> => {
    const current = await repos.media.currentConsent(rec.id);
    const base = app.config.publicUrl.replace(/\/+$/, '');
    return clientFormText({
      recordingLabel: rec.label,
      retentionUntil: current?.details.retention_until ?? null,
      decisions: current?.decisions ?? null,
      code,
      portalUrl: portalUrlWithCode(base, code),
      portalBaseUrl: `${base}${portalPath}`,
    }, (await repos.cycles.get(rec.cycle_id))?.kind);
  };

  // Whether a code is live (never the code itself): making a new one would stop the client's.
  app.get<RecParams>('/api/cycles/:id/recordings/:recordingId/client-code', { config: { access: access.owner } }, async (request) => {
    const rec = await recordingOf(request.params.id, request.params.recordingId);
    // The kind names the other person on the owner's page ("voor de collega", KIND-3).
    return { recordingLabel: rec.label, issuedAt: await repos.portal.codeIssuedAt(rec.id), kind: (await repos.cycles.get(rec.cycle_id))?.kind ?? defaultCycleKind };
  });

  // Generating the form makes a new code: the old one stops working at once (rotation).
  app.post<RecParams>('/api/cycles/:id/recordings/:recordingId/client-code', { config: { access: access.owner } }, async (request, reply) => {
    const rec = await recordingOf(request.params.id, request.params.recordingId);
    const code = await repos.portal.issueCode(rec.id, request.auth!.user.id);
    // A lost code may be in someone else's hands: its open sessions end with it.
    await app.clientSessions.endFor(rec.id);
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'client_code_issued', cycleId: rec.cycle_id, target: rec.id });
    const body: ClientCodeResponse = { code, form: await formFor(rec, code) };
    return reply.code(201).header('Cache-Control', 'no-store').send(body);
  });

  // The PDF needs the code it prints, sent in the body (never in a URL); only the current code.
  app.post<RecParams>('/api/cycles/:id/recordings/:recordingId/client-form.pdf', { config: { access: access.owner } }, async (request, reply) => {
    const { code: typed } = parse(clientFormPdfBody, request.body);
    const rec = await recordingOf(request.params.id, request.params.recordingId);
    const code = normaliseClientCode(typed);
    if (code === null || await repos.portal.recordingOfCode(code) !== rec.id) throw new AppError('client_code_replaced');
    const pdf = await clientFormPdf(await formFor(rec, code));
    await repos.audit.record({ actorId: request.auth!.user.id, action: 'client_form_downloaded', cycleId: rec.cycle_id, target: rec.id });
    return reply
      .type('application/pdf')
      .header('Content-Disposition', 'attachment; filename="toestemmingsformulier.pdf"')
      .header('Cache-Control', 'no-store')
      .send(pdf);
  });
}
