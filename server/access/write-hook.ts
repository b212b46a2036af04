import type { FastifyInstance } from 'fastify';
import { mayWriteDocAtAll } from '../../shared/access/rules.ts';
import { parseCycleDocName } from '../../shared/domain/cycle-doc/keys.ts';
import type { CollabServerOptions } from '../collab/server.ts';
import { checkUpdate } from './write-check.ts';

/**
 * The collaboration server's write check, bound to the app: which document kind a socket is on,
 * who sent the update, and the audit of every refusal (who, which part, which rule).
 */
export function writeCheckHook(app: FastifyInstance): NonNullable<CollabServerOptions['checkUpdate']> {
  // A socket stays on one document: its name is parsed once, not for every update it sends.
  const docNames = new WeakMap<Parameters<NonNullable<CollabServerOptions['checkUpdate']>>[0], ReturnType<typeof parseCycleDocName>>();
  return (conn, doc, msg) => {
    const { userId, role, cycleId } = conn.identity;
    // Only the open foundation hook (protocol tests) authorises sockets without a person.
    if (userId === null) return { ok: true, parts: [] };
    let parsed = docNames.get(conn);
    if (parsed === undefined) docNames.set(conn, (parsed = parseCycleDocName(conn.docName)));
    if (!parsed || !cycleId || (role !== 'owner' && role !== 'researcher' && role !== 'colleague')) {
      return { ok: false, code: 'write_forbidden' };
    }
    // A document this role may only read accepts no update at all (nothing to decode).
    const verdict = mayWriteDocAtAll(parsed.kind, role)
      ? checkUpdate(doc, msg.decoded, parsed.kind, { userId, role }, parsed.layerOwnerId)
      : ({ ok: false, kind: 'forbidden', part: parsed.kind, rule: 'alleen lezen' } as const);
    if (verdict.ok) return { ok: true, parts: verdict.parts };
    // The socket is refused now; the audit row follows (its failure is logged, never thrown).
    app.repos.audit.recordInBackground({
      actorId: userId,
      action: 'write_refused',
      outcome: 'denied',
      cycleId,
      target: conn.docName,
      detail: { part: verdict.part, rule: verdict.rule, reason: verdict.kind },
    });
    return { ok: false, code: verdict.kind === 'incomplete' ? 'update_incomplete' : 'write_forbidden' };
  };
}
