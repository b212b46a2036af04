import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestReader } from '../access/read.ts';
import { access } from '../auth/access.ts';
import { exportSources, previousTakeaways } from '../export/sources.ts';

type IdParams = { Params: { id: string } };

function fileName(title: string, ext: string): string {
  const slug = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').toLowerCase().slice(0, 60) || 'cyclus';
  return `kijkruimte-${slug}.${ext}`;
}

/**
 * Export of a whole cycle: JSON (for the print page), Markdown and DOCX. No media; nothing from a
 * use the client did not consent to; nothing the reader may not read (the same rule table as the
 * WebSocket: a colleague refused there is refused here); every export audited.
 */
export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const build = async (request: FastifyRequest<IdParams>, format: string) => {
    const reader = await requestReader(app, request);
    const sources = await exportSources(app, reader);
    // The export model (and with it the editor's Yjs ↔ ProseMirror code) and the DOCX writer are
    // loaded on the first export: a server that never exports does not carry them in memory.
    const { buildExportModel } = await import('../export/model.ts');
    const model = buildExportModel(sources);
    sources.doc.destroy();
    sources.interviewDoc?.destroy();
    await app.repos.audit.record({
      actorId: reader.subject.userId,
      action: 'cycle_exported',
      cycleId: reader.cycleId,
      detail: { format, omissions: model.omissions.length },
    });
    return model;
  };
  const attachment = (reply: FastifyReply, name: string, type: string) =>
    reply.header('Content-Type', type).header('Content-Disposition', `attachment; filename="${name}"`);

  app.get<IdParams>('/api/cycles/:id/export.json', { config: { access: access.members } }, async (request) => {
    return build(request, 'print');
  });

  app.get<IdParams>('/api/cycles/:id/export.md', { config: { access: access.members } }, async (request, reply) => {
    const model = await build(request, 'markdown');
    const { renderMarkdown } = await import('../export/markdown.ts');
    return attachment(reply, fileName(model.cycle.title, 'md'), 'text/markdown; charset=utf-8').send(renderMarkdown(model));
  });

  app.get<IdParams>('/api/cycles/:id/export.docx', { config: { access: access.members } }, async (request, reply) => {
    const model = await build(request, 'docx');
    const { renderDocx } = await import('../export/docx.ts');
    const type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    return attachment(reply, fileName(model.cycle.title, 'docx'), type).send(await renderDocx(model));
  });

  /**
   * "Voornemens van de vorige keer — toegepast?": the linked previous cycle's takeaways. They are
   * carried over into this cycle (the owner linked both), so this cycle's `previousReview`
   * readers read them, also members who were not in the previous cycle.
   */
  app.get<IdParams>('/api/cycles/:id/previous', { config: { access: access.members } }, async (request) => {
    const reader = await requestReader(app, request);
    if (!reader.mayReadPart('previousReview')) return { previousCycleId: null, title: null, takeaways: [] };
    return previousTakeaways(app, reader.cycleId);
  });
}
