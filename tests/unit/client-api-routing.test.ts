import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, onUnauthenticated, requestJson, requestVoid, setCsrfToken } from '../../client/api/http.ts';
import { readAwarenessUser } from '../../client/collab/presence.ts';
import { loginPathFor, matchRoute, safeReturnPath } from '../../client/routing/router.ts';

describe('client routes', () => {
  it('matches the Dutch paths', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/inloggen')).toEqual({ name: 'login' });
    expect(matchRoute('/cycli/')).toEqual({ name: 'cycles' });
    expect(matchRoute('/cycli/0b7c1e8e-4f7a-4a53-9d8e-2b1f3c4d5e6f')).toEqual({ name: 'cycle', cycleId: '0b7c1e8e-4f7a-4a53-9d8e-2b1f3c4d5e6f', step: null });
    // STEP-1: the chosen step lives in the address.
    expect(matchRoute('/cycli/0b7c1e8e-4f7a-4a53-9d8e-2b1f3c4d5e6f/opnames')).toEqual({ name: 'cycle', cycleId: '0b7c1e8e-4f7a-4a53-9d8e-2b1f3c4d5e6f', step: 'opnames' });
    expect(matchRoute('/cycli/0b7c1e8e-4f7a-4a53-9d8e-2b1f3c4d5e6f/verslag/')).toEqual({ name: 'cycle', cycleId: '0b7c1e8e-4f7a-4a53-9d8e-2b1f3c4d5e6f', step: 'verslag' });
    expect(matchRoute('/cycli/0b7c1e8e-4f7a-4a53-9d8e-2b1f3c4d5e6f/toegang')).toEqual({ name: 'cycleAccess', cycleId: '0b7c1e8e-4f7a-4a53-9d8e-2b1f3c4d5e6f' });
    expect(matchRoute('/beheer')).toEqual({ name: 'admin' });
  });

  it('treats anything that cannot be a cycle id as not found', () => {
    for (const path of ['/cycli/Geen%20Geldige%20Naam', '/cycli/%E0%A4%A', '/cycli/..', '/cycli/a/b', '/cycli/0b7c1e8e-4f7a/onbekend', '/documenten/demo']) {
      expect(matchRoute(path)).toEqual({ name: 'notFound' });
    }
  });

  it('only returns to paths inside the app after logging in', () => {
    expect(safeReturnPath('/cycli/0b7c1e8e-4f7a')).toBe('/cycli/0b7c1e8e-4f7a');
    for (const evil of ['//evil.example/cycli', 'https://evil.example', '/\\evil.example', 'cycli', '/inloggen', '/onbekend', null]) {
      expect(safeReturnPath(evil)).toBeNull();
    }
    expect(loginPathFor('/cycli')).toBe('/inloggen?terug=%2Fcycli');
    expect(loginPathFor('//evil.example')).toBe('/inloggen');
  });
});

describe('presence from awareness', () => {
  it('keeps only bounded, well-formed fields', () => {
    expect(readAwarenessUser({ user: { name: ' Sanne ', color: '#1d4ed8', role: 'owner', userId: 'u1' } }))
      .toEqual({ name: 'Sanne', color: '#1d4ed8', role: 'owner', userId: 'u1' });
    expect(readAwarenessUser({ user: { name: 'x'.repeat(500), color: 'red; background:url(x)', role: 'admin', userId: 7 } }))
      .toEqual({ name: 'x'.repeat(120), color: '#6b7280' });
    expect(readAwarenessUser({ cursor: null })).toBeNull();
  });
});

describe('HTTP client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  const json = (status: number, body: unknown): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('sends JSON and the CSRF token on state-changing requests, `{}` when there is no body', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-123');
    await requestVoid('POST', '/api/auth/logout');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/logout');
    expect(init.body).toBe('{}');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', 'x-csrf-token': 'token-123' });
  });

  it('never sends the CSRF token or a body on GET', async () => {
    const fetchMock = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-123');
    await requestJson('GET', '/api/cycles', z.object({ ok: z.boolean() }));
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.body).toBeUndefined();
    expect(init.headers).not.toHaveProperty('x-csrf-token');
  });

  it('turns error bodies into codes and tells the app when the session is gone', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { error: { code: 'unauthenticated', message: 'Je bent niet (meer) ingelogd.' } })));
    const listener = vi.fn();
    const stop = onUnauthenticated(listener);
    await expect(requestJson('GET', '/api/cycles', z.unknown())).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
    // Login answers 401 as an ordinary "wrong password": no redirect for that.
    await expect(requestJson('GET', '/api/me', z.unknown(), { expectUnauthenticated: true })).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });

  it('refuses answers that do not match the contract, and unknown error codes', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { cycles: 'nope' })));
    await expect(requestJson('GET', '/api/cycles', z.object({ cycles: z.array(z.unknown()) }))).rejects.toMatchObject({ code: 'unexpected_response' });
    vi.stubGlobal('fetch', vi.fn(async () => json(418, { error: { code: 'teapot', message: '…' } })));
    await expect(requestVoid('POST', '/api/x')).rejects.toMatchObject({ code: 'unexpected_response', status: 418 });
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(requestVoid('POST', '/api/x')).rejects.toMatchObject({ code: 'network', status: 0 });
  });
});
