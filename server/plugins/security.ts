import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers on every response. No inline scripts; inline *styles* are allowed because the
 * editor's collaboration carets colour themselves with style attributes.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent outside development (whenever the session cookie requires HTTPS): browsers then refuse plain HTTP. */
export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

/**
 * The headers every response carries, errors included. One function, so that the responses
 * Fastify writes before any hook runs (bad URLs, too-long parameters, broken HTTP) carry exactly
 * the same headers as the others.
 */
export function securityHeaders(opts: { hsts: boolean; cacheable: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(opts.cacheable ? {} : { 'Cache-Control': 'no-store' }),
    ...(opts.hsts ? { 'Strict-Transport-Security': strictTransportSecurity } : {}),
  };
}

export const securityPlugin = fp(async (app: FastifyInstance) => {
  // HSTS wherever the session cookie is `Secure`: such an installation is served over HTTPS, and
  // a development server on plain-HTTP localhost must not pin the browser to HTTPS.
  const hsts = app.config.secureCookies;
  app.addHook('onSend', async (request, reply, payload) => {
    // Only hashed build assets may be cached; everything else (API, index.html, errors) is content.
    const cacheable = request.url.startsWith('/assets/') && reply.statusCode < 400;
    reply.headers(securityHeaders({ hsts, cacheable }));
    return payload;
  });
}, { name: 'security' });
