import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mayEnter, mayReadDoc, mayReadPart, type AccessSubject, type DocKind, type PartId } from '../../shared/access/rules.ts';
import { grantedUses } from '../export/sources.ts';
import { AppError } from '../plugins/errors.ts';

/**
 * The one read decision for HTTP paths (exports, print model, overviews): the same rule table
 * (`shared/access/rules.ts`) the WebSocket applies, so a person who may not open a document over
 * a socket cannot read it through a download either (SPEC.md DOCACCESS-5).
 */
export interface CycleReader {
  readonly cycleId: string;
  readonly subject: AccessSubject;
  mayReadDoc(doc: DocKind, layerOwnerId?: string): boolean;
  mayReadPart(part: PartId, layerOwnerId?: string): boolean;
}

/** Who `userId` is in the cycle, as the server knows it; null for non-members. */
export async function accessSubject(app: FastifyInstance, cycleId: string, userId: string): Promise<AccessSubject | null> {
  const role = await app.repos.cycles.role(cycleId, userId);
  if (!role) return null;
  return { userId, role, granted: await grantedUses(app, cycleId) };
}

export function readerOf(cycleId: string, subject: AccessSubject): CycleReader {
  return {
    cycleId,
    subject,
    mayReadDoc: (doc, layerOwnerId) => mayReadDoc(subject, doc, layerOwnerId),
    mayReadPart: (part, layerOwnerId) => mayReadPart(subject, part, layerOwnerId),
  };
}

/**
 * May `reader` read the werkblad and core-question reflection in `authorId`'s private layer? Only
 * its author, and the members the author shared it with (SELF-1): a read grant on those two parts,
 * served by the server as a copy, never the layer document itself (its socket stays the author's).
 */
export async function maySeeSharedLayer(app: FastifyInstance, reader: CycleReader, authorId: string): Promise<boolean> {
  return await app.repos.worksheetShares.mayRead(reader.cycleId, authorId, reader.subject.userId);
}

/**
 * The reader behind a request on a cycle route (`:id`). Refuses, audited as `access_denied` like
 * a refused socket, when the person may not be in the cycle's documents at all: `forbidden` for
 * non-members (the route's access rule normally stops them first), `consent_missing` for an
 * intervision colleague while no recording's consent covers intervision.
 */
export async function requestReader(app: FastifyInstance, request: FastifyRequest, cycleId?: string): Promise<CycleReader> {
  const id = cycleId ?? (request.params as { id?: string }).id ?? '';
  const userId = request.auth?.user.id ?? null;
  const subject = userId ? await accessSubject(app, id, userId) : null;
  if (subject && mayEnter(subject)) return readerOf(id, subject);
  const refusal = subject ? 'consent_missing' : 'forbidden';
  await app.repos.audit.record({
    actorId: userId,
    action: 'access_denied',
    cycleId: (await app.repos.cycles.get(id)) ? id : null,
    target: `${request.method} ${request.routeOptions.url ?? request.url}`,
    detail: { reason: refusal },
  });
  throw new AppError(refusal);
}
