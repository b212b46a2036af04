import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { cycleDocName } from '../../shared/domain/access.ts';
import { fragmentsOf, observationsOf } from '../../shared/domain/cycle-doc/index.ts';
import { assignTimecodeBody } from '../../shared/protocol/timecodes.ts';
import { access } from '../auth/access.ts';
import { AppError } from '../plugins/errors.ts';
import { parse } from '../plugins/validate.ts';

type IdParams = { Params: { id: string } };

/**
 * TIMECODE-6: the owner puts an old time code that the migration could not assign on one of the
 * cycle's files. Only a code without a file (never moving an assigned one: that is its author's
 * change, FRAGMENT-2), only on a ready video file of this cycle, and only where the file is long
 * enough to hold it. Written by the server like the migration: persisted, then relayed.
 */
export async function timecodeRoutes(app: FastifyInstance): Promise<void> {
  const { repos } = app;

  app.put<IdParams>('/api/cycles/:id/timecodes/recording', { config: { access: access.owner } }, async (request) => {
    const { id } = request.params;
    const body = parse(assignTimecodeBody, request.body);
    if (await repos.cycles.status(id) === 'archived') throw new AppError('cycle_archived');
    const file = await repos.media.media(body.mediaId);
    const recording = file ? await repos.media.recording(file.recording_id) : undefined;
    if (!file || file.kind !== 'video' || file.status !== 'ready' || recording?.cycle_id !== id) {
      throw new AppError('validation_failed', 'Kies een opname van deze cyclus.');
    }
    const outcome = await app.collab.withDoc(cycleDocName(id), (doc) => {
      const entry = (body.part === 'observations' ? observationsOf(doc) : fragmentsOf(doc)).get(body.id);
      if (!(entry instanceof Y.Map)) return 'not_found' as const;
      const current = entry.get('mediaId');
      if (typeof current === 'string' && current !== '') return 'assigned' as const;
      const start = entry.get('start');
      const end = entry.get('end');
      const last = Math.max(typeof start === 'number' ? start : 0, typeof end === 'number' ? end : 0);
      if (file.duration_ms !== null && last * 1000 > file.duration_ms) return 'too_long' as const;
      entry.set('mediaId', body.mediaId);
      return 'ok' as const;
    });
    if (outcome === 'not_found') throw new AppError('not_found');
    if (outcome === 'assigned') throw new AppError('validation_failed', 'Deze tijdcode hoort al bij een opname.');
    if (outcome === 'too_long') throw new AppError('validation_failed', 'Deze tijd valt buiten die opname. Kies een andere opname.');
    return { ok: true };
  });
}
