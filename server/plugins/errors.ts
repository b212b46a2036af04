import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { errorBody, errorCatalogue, type ErrorCode } from '../../shared/errors/index.ts';

/** Thrown by route handlers; rendered with the catalogue's status and Dutch message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
  }
}

export function sendError(reply: FastifyReply, code: ErrorCode): FastifyReply {
  return reply.code(errorCatalogue[code].status).send(errorBody(code));
}

function codeFor(err: FastifyError): ErrorCode {
  if (err instanceof AppError) return err.code;
  if (err.validation) return 'validation_failed';
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'bad_request';
  }
  if (err.statusCode === 429) return 'rate_limited';
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return 'bad_request';
  return 'internal';
}

/** One error shape for every route: `{ error: { code, message } }`, never a stack trace. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const code = codeFor(err);
    if (code === 'internal') request.log.error({ err }, 'unhandled error');
    return sendError(reply, code);
  });
}, { name: 'errors' });
