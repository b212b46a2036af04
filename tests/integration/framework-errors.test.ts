import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue, type ErrorCode } from '../../shared/errors/index.ts';
import { contentSecurityPolicy, strictTransportSecurity } from '../../server/plugins/security.ts';
import { accessFixture, type AccessFixture, type Role } from '../helpers/access-fixture.ts';

/**
 * ERR-1 Every refusal — the router's and the HTTP parser's included — answers
 * `{ error: { code, message } }` with a catalogue code and its Dutch message, never echoes what
 * was sent, and carries the same security headers as every other response. The crawl covers
 * every route of `app.routeTable` (a route added later is crawled too).
 */
let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

const unknownId = '00000000-0000-4000-8000-000000000000';
const badPercent = '%E0%A4%A';
const longId = 'a'.repeat(400);
const traversal = '..%2F..%2F..%2Fetc%2Fpasswd';
/** Fragments of the malformed input that must never come back in a response. */
const echoes = ['%E0', 'E0%A4', 'a'.repeat(40), 'etc/passwd', 'passwd', 'FST_', '<x/>', '__proto__'];
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

interface Case {
  what: string;
  res: LightMyRequestResponse;
}

function expectDutchError({ what, res }: Case): void {
  expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(res.headers['content-security-policy'], what).toBe(contentSecurityPolicy);
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBe('no-referrer');
  expect(res.headers['cache-control'], what).toBe('no-store');
  if (res.body === '') return; // HEAD: headers only
  expect(res.headers['content-type'], what).toMatch(/^application\/json/);
  const body = res.json() as { error: { code: ErrorCode; message: string; use?: string } };
  expect(Object.keys(body), what).toEqual(['error']);
  const spec = errorCatalogue[body.error.code];
  expect(spec, `${what}: ${body.error.code} is in the catalogue`).toBeDefined();
  expect(res.statusCode, what).toBe(spec.status);
  // consent_missing names the use that is not covered (CONSENT-1); every other message is the catalogue's.
  if (body.error.code !== 'consent_missing') expect(body.error.message, what).toBe(spec.message);
  for (const echo of echoes) expect(res.body, `${what} echoes ${echo}`).not.toContain(echo);
}

/** A concrete path for a route pattern, with `value` for the first parameter (the others valid-looking). */
function pathFor(url: string, value?: string): string {
  let first = true;
  const replaced = url.replace(/:[A-Za-z]+/g, (param) => {
    if (first && value !== undefined) {
      first = false;
      return value;
    }
    return param === ':id' ? fx.cycleId : param === ':mediaId' ? fx.mediaId : unknownId;
  });
  // Routes without parameters get the malformed part as an extra segment.
  return value !== undefined && first ? `${replaced}/${value}` : replaced;
}

const inject = (method: string, url: string, role: Role, extra: { payload?: string; contentType?: string } = {}) =>
  fx.app.inject({
    method: method as 'GET',
    url,
    headers: { ...fx.headersFor(role), ...(extra.contentType ? { 'content-type': extra.contentType } : {}) },
    ...(extra.payload !== undefined ? { payload: extra.payload } : {}),
  });

describe('ERR-1 framework errors are Dutch, stable, never echo the input and carry the security headers', () => {
  it('bad percent-encoding, 400-character ids and path traversal in every route', async () => {
    const seen = new Set<string>();
    for (const route of fx.app.routeTable) {
      for (const role of ['anonymous', 'owner'] as const) {
        const bad = await inject(route.method, pathFor(route.url, badPercent), role);
        expectDutchError({ what: `${route.method} ${route.url} bad encoding (${role})`, res: bad });
        if (bad.body) expect(bad.json().error.code).toBe('bad_url');
        const long = await inject(route.method, pathFor(route.url, longId), role);
        expectDutchError({ what: `${route.method} ${route.url} long id (${role})`, res: long });
        if (route.url.includes(':') && long.body) expect(long.json().error.code).toBe('url_too_long');
        const trav = await inject(route.method, pathFor(route.url, traversal), role);
        expectDutchError({ what: `${route.method} ${route.url} traversal (${role})`, res: trav });
        seen.add(`${route.method} ${route.url}`);
      }
    }
    // The crawl really went over the application's routes.
    expect(seen.size).toBeGreaterThan(40);
  });

  it('every route answered with a method it does not have', async () => {
    const byUrl = new Map<string, Set<string>>();
    for (const r of fx.app.routeTable) byUrl.set(r.url, (byUrl.get(r.url) ?? new Set()).add(r.method));
    for (const [url, registered] of byUrl) {
      for (const method of methods.filter((m) => !registered.has(m))) {
        // Another pattern may match the same path with this method (GET /api/leeragenda/shares is
        // GET /api/leeragenda/:ownerId); it then answers as that route, which must also be an error.
        const res = await inject(method, pathFor(url), 'owner', method === 'GET' || method === 'DELETE' ? {} : { payload: '{}', contentType: 'application/json' });
        expectDutchError({ what: `${method} ${url}`, res });
      }
    }
  });

  it('malformed and unsupported bodies on every route that takes one', async () => {
    const bodies: [string, string][] = [
      ['{"title": ', 'application/json'],
      ['', 'application/json'],
      ['{"__proto__": {"admin": true}}', 'application/json'],
      ['a=b&c=d', 'application/x-www-form-urlencoded'],
      ['x', 'text/plain'],
      ['<x/>', 'application/xml'],
    ];
    let crawled = 0;
    for (const route of fx.app.routeTable.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))) {
      for (const [payload, contentType] of bodies) {
        const res = await inject(route.method, pathFor(route.url), 'owner', { payload, contentType });
        expectDutchError({ what: `${route.method} ${route.url} ${contentType} ${JSON.stringify(payload)}`, res });
      }
      crawled++;
    }
    expect(crawled).toBeGreaterThan(15);
  });

  it('a request the HTTP parser cannot read gets the same shape and headers', async () => {
    const port = Number(new URL(fx.url).port);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end('GET /%E0 HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toContain(`Content-Security-Policy: ${contentSecurityPolicy}`);
    expect(head).toContain('X-Content-Type-Options: nosniff');
    expect(head).toContain('Referrer-Policy: no-referrer');
    expect(head).toContain('Cache-Control: no-store');
    expect(JSON.parse(body!)).toEqual({ error: { code: 'bad_request', message: errorCatalogue.bad_request.message } });
  });

  it('no HSTS in development (plain-HTTP localhost)', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('ERR-1 HSTS outside development', () => {
  let secure: AccessFixture;
  beforeAll(async () => {
    secure = await accessFixture({ secureCookies: true, dev: false });
  });
  afterAll(async () => secure.close());

  it('every response carries Strict-Transport-Security, errors and framework errors included', async () => {
    for (const url of ['/api/health', '/api/cycles', `/api/cycles/${badPercent}`, `/api/cycles/${longId}`, '/api/bestaat-niet']) {
      const res = await secure.app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security'], url).toBe(strictTransportSecurity);
      expect(res.headers['content-security-policy'], url).toBe(contentSecurityPolicy);
    }
  });
});
