import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../../shared/errors/index.ts';
import { isValidDocName } from '../../../shared/limits/index.ts';
import type { CollabIdentity } from '../connection.ts';

export type AuthoriseResult = { ok: true; identity: CollabIdentity } | { ok: false; code: ErrorCode };

/** Decides whether a socket may open `docName`. Runs before any room is created or loaded. */
export type AuthoriseHook = (docName: string, request: FastifyRequest) => Promise<AuthoriseResult>;

/** Re-checks an open connection (called when memberships or sessions change). */
export type RecheckHook = (docName: string, identity: CollabIdentity) => Promise<boolean>;

/** The foundation's authorisation: a valid document name; identity is anonymous. */
export const authoriseDocName: AuthoriseHook = (docName) =>
  Promise.resolve(
    isValidDocName(docName)
      ? { ok: true, identity: { userId: null, name: 'Gast', color: '#6b7280', role: null, sessionId: null, cycleId: null } }
      : { ok: false, code: 'invalid_doc_name' },
  );
