import type { FastifyBaseLogger } from 'fastify';
import type { ErrorCode } from '../../../shared/errors/index.ts';

/** Structured collaboration events; one place so the format stays consistent. */
export function createCollabLog(log: FastifyBaseLogger) {
  return {
    connected(docName: string, connId: number, userId: string | null): void {
      log.debug({ doc: docName, conn: connId, user: userId }, 'collab: connected');
    },
    refused(docName: string, code: ErrorCode, userId: string | null): void {
      log.info({ doc: docName, code, user: userId }, 'collab: refused');
    },
    closed(docName: string, connId: number, code: number): void {
      log.debug({ doc: docName, conn: connId, code }, 'collab: closed');
    },
    failed(docName: string, connId: number, code: ErrorCode, detail?: string): void {
      log.warn({ doc: docName, conn: connId, code, detail }, 'collab: connection failed');
    },
    roomReset(docName: string, err: unknown): void {
      log.error({ doc: docName, err }, 'collab: room reset');
    },
  };
}

export type CollabLog = ReturnType<typeof createCollabLog>;
