import type { FastifyInstance, FastifyReply } from 'fastify';
import { access } from '../auth/access.ts';
import { renderDocx } from '../export/docx.ts';
import { renderMarkdown } from '../export/markdown.ts';
import { buildExportModel } from '../export/model.ts';
import { exportSources, previousTakeaways } from '../export/sources.ts';

type IdParams = { Params: { id: string } };

function fileName(title: string, ext: string): string {
  const slug = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').toLowerCase().slice(0, 60) || 'cyclus';
  return `kijkruimte-${slug}.${ext}`;
}

/**
 * Export of a whole cycle: JSON (for the print page), Markdown and DOCX. No media; nothing from a
 * use the client did not consent to; every export audited.
 */
export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const build = async (cycleId: string, userId: string, format: string) => {
    const sources = await exportSources(app, cycleId);
    const model = buildExportModel(sources);
    sources.doc.destroy();
    app.repos.audit.record({ actorId: userId, action: 'cycle_exported', cycleId, detail: { format, omissions: model.omissions.length } });
    return model;
  };
  const attachment = (reply: FastifyReply, name: string, type: string) =>
    reply.header('Content-Type', type).header('Content-Disposition', `attachment; filename="${name}"`);

  app.get<IdParams>('/api/cycles/:id/export.json', { config: { access: access.members } }, async (request) => {
    return build(request.params.id, request.auth!.user.id, 'print');
  });

  app.get<IdParams>('/api/cycles/:id/export.md', { config: { access: access.members } }, async (request, reply) => {
    const model = await build(request.params.id, request.auth!.user.id, 'markdown');
    return attachment(reply, fileName(model.cycle.title, 'md'), 'text/markdown; charset=utf-8').send(renderMarkdown(model));
  });

  app.get<IdParams>('/api/cycles/:id/export.docx', { config: { access: access.members } }, async (request, reply) => {
    const model = await build(request.params.id, request.auth!.user.id, 'docx');
    const type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    return attachment(reply, fileName(model.cycle.title, 'docx'), type).send(await renderDocx(model));
  });

  /** "Voornemens van de vorige keer — toegepast?": the linked previous cycle's takeaways. */
  app.get<IdParams>('/api/cycles/:id/previous', { config: { access: access.members } }, async (request) => {
    return previousTakeaways(app, request.params.id);
  });
}
