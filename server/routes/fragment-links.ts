import type { FastifyInstance } from 'fastify';
import {
  createFragmentLinkBody,
  fragmentMediaUrl,
  fragmentPagePath,
  fragmentSessionBody,
  type ClientFragment,
  type FragmentLinkInfo,
  type FragmentSession,
} from '../../shared/protocol/fragment-links.ts';
import { access } from '../auth/access.ts';
import { parseRange } from '../media/range.ts';
import { AppError, sendError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';
import type { FragmentLink, LinkFileRow } from '../storage/fragment-links.ts';

const clientFragments = (link: FragmentLink, files: readonly LinkFileRow[]): ClientFragment[] =>
  link.fragments.map((f, index) => {
    const file = files.find((x) => x.position === index);
    return { index, label: f.label, start: f.start, end: f.end, playFrom: file?.file_start ?? 0, playTo: file?.file_end ?? 0, mediaUrl: fragmentMediaUrl(index) };
  });

/**
 * Fragments shown in the client interview (FRAGLINK-*, `000_*` step 5): researchers make and end
 * links; the client's page exchanges a link's secret for a tab session and streams only the files
 * cut from the chosen fragments (FRAGLINK-2), encrypted like every recording and under the same
 * consent checks as every playback.
 */
export async function fragmentLinkRoutes(app: FastifyInstance): Promise<void> {
  const { repos, media } = app;

  app.post<{ Params: { id: string } }>('/api/cycles/:id/fragment-links', { config: { access: access.researchers } }, async (request, reply) => {
    parse(createFragmentLinkBody, request.body);
    const { link, token } = await app.fragmentLinks.create(request.params.id, request.auth!.user.id);
    // The secret appears only here, after `#`: never in a path or query, never stored.
    return reply.code(201).send({ link: { id: link.id, path: `${fragmentPagePath}#${token}`, expiresAt: link.expiresAt, fragments: link.fragments.length } });
  });

  app.get<{ Params: { id: string } }>('/api/cycles/:id/fragment-links', { config: { access: access.researchers } }, async (request) => {
    const links: FragmentLinkInfo[] = [];
    for (const l of await repos.fragmentLinks.ofCycle(request.params.id)) {
      links.push({
        id: l.id,
        createdAt: l.createdAt,
        expiresAt: l.expiresAt,
        createdByName: (await repos.users.get(l.createdBy))?.name ?? null,
        fragments: l.fragments.length,
        active: await app.fragmentLinks.allowed(l),
      });
    }
    return { links };
  });

  app.delete<{ Params: { id: string; linkId: string } }>('/api/cycles/:id/fragment-links/:linkId', { config: { access: access.researchers } }, async (request, reply) => {
    const link = /^[0-9a-f-]{36}$/.test(request.params.linkId) ? await repos.fragmentLinks.get(request.params.linkId) : undefined;
    if (!link || link.cycleId !== request.params.id) throw new AppError('not_found');
    await app.fragmentLinks.end(link, 'ended', request.auth!.user.id);
    return reply.code(204).send();
  });

  // The client's page: the link's secret in, a session for this tab out.
  app.post('/api/kijken/sessie', { config: { access: access.public } }, async (request): Promise<FragmentSession> => {
    const body = parse(fragmentSessionBody, request.body);
    const link = await repos.fragmentLinks.byToken(body.token);
    if (!link || !await app.fragmentLinks.allowed(link)) {
      repos.refusals.note(request.ip, 'fragment_link_invalid', 'POST /api/kijken/sessie');
      throw new AppError('fragment_link_invalid');
    }
    const session = await app.fragmentLinks.openSession(link);
    await repos.audit.record({ actorId: null, action: 'fragment_link_played', cycleId: link.cycleId, target: link.id, detail: { fragments: link.fragments.length } });
    return { session, expiresAt: link.expiresAt, fragments: clientFragments(link, await repos.fragmentLinks.files(link.id)) };
  });

  app.get('/api/kijken/fragmenten', { config: { access: access.fragmentSession } }, async (request) => {
    const link = request.fragmentLink!;
    return { expiresAt: link.expiresAt, fragments: clientFragments(link, await repos.fragmentLinks.files(link.id)) };
  });

  /**
   * One fragment's own file (cut from the recording when the link was made), with HTTP Range.
   * Whatever range is asked, only that file's bytes exist here: the recording is never opened.
   */
  app.get<{ Params: { index: string } }>('/api/kijken/media/:index', { config: { access: access.fragmentSession }, exposeHeadRoute: false }, async (request, reply) => {
    const link = request.fragmentLink!;
    const position = /^\d{1,4}$/.test(request.params.index) ? Number(request.params.index) : -1;
    if (link.fragments[position] === undefined) throw new AppError('not_found');
    const file = await repos.fragmentLinks.file(link.id, position);
    if (!file) return sendError(reply, 'media_erased');
    const size = file.size_bytes;
    reply.header('Accept-Ranges', 'bytes').header('Content-Disposition', 'inline').header('Cache-Control', 'no-store');
    const range = parseRange(request.headers.range, size);
    if (range.kind === 'unsatisfiable') {
      reply.header('Content-Range', `bytes */${size}`);
      return sendError(reply, 'range_not_satisfiable');
    }
    const start = range.kind === 'partial' ? range.start : 0;
    const end = range.kind === 'partial' ? range.end : size - 1;
    const reader = await media.derived.openReader(file.id, file.key_id, size);
    const body = reader.stream(start, end);
    const unregister = app.fragmentLinks.register({
      linkId: link.id,
      cut: () => {
        body.destroy();
        reply.raw.destroy();
      },
    });
    reply.raw.once('close', unregister);
    if (range.kind === 'partial') reply.code(206).header('Content-Range', `bytes ${start}-${end}/${size}`);
    return reply.type(file.mime).header('Content-Length', String(end - start + 1)).send(body);
  });
}
