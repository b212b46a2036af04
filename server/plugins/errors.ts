import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorBody, errorCatalogue, type ErrorCode } from '../../shared/errors/index.ts';
import { securityHeaders } from './security.ts';

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
    case 'FST_ERR_BAD_URL':
      return 'bad_url';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return 'url_too_long';
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

/**
 * Fastify's `frameworkErrors`: a URL that is not valid percent-encoding or a parameter beyond
 * `maxParamLength` is refused by the router before any hook runs, and Fastify's own answer is
 * English, echoes the URL and carries none of our headers. This one answers like every other
 * error (ERR-1): catalogue code, Dutch message, no echo, the security headers.
 */
export function frameworkErrors(opts: { hsts: boolean }) {
  return (err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    reply.headers(securityHeaders({ hsts: opts.hsts, cacheable: false }));
    void sendError(reply, codeFor(err));
  };
}

const clientErrorCodes: Record<string, ErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'request_timeout',
  HPE_HEADER_OVERFLOW: 'headers_too_large',
};

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser cannot read never reach Fastify;
 * the answer is written to the socket directly, in the same shape and with the same headers.
 */
export function clientErrorHandler(opts: { hsts: boolean }) {
  return (err: NodeJS.ErrnoException, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const code = clientErrorCodes[err.code ?? ''] ?? 'bad_request';
    const { status } = errorCatalogue[code];
    const body = JSON.stringify(errorBody(code));
    const headers = {
      ...securityHeaders({ hsts: opts.hsts, cacheable: false }),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      Connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
    if (socket.writable) socket.write(`HTTP/1.1 ${status} ${code}\r\n${head}\r\n\r\n${body}`);
    socket.destroy(err);
  };
}
