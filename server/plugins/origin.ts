import type { FastifyRequest } from 'fastify';

/**
 * Cross-site WebSocket hijacking guard. Browsers always send `Origin` on a WebSocket handshake;
 * it must be on the allow-list, or (with no list configured) be this server's own host.
 * Non-browser clients send no Origin and carry no ambient browser credentials.
 */
export function isOriginAllowed(request: FastifyRequest, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.length > 0) return allowedOrigins.includes(origin);
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
