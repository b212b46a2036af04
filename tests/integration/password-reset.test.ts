import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { cycleDocName } from '../../shared/domain/access.ts';
import { closeCodes } from '../../shared/errors/index.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

let fx: AccessFixture;
beforeAll(async () => {
  // No periodic session sweep: only the reset itself may close the sockets in these tests.
  fx = await accessFixture({ sessionSweepMs: 3_600_000 });
});
afterAll(async () => fx.close());

/** Each test its own client address, so the per-address limit of one does not touch another. */
const requestReset = (email: string, remoteAddress: string) =>
  fx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email }, remoteAddress });

const setPassword = (token: string) =>
  fx.app.inject({ method: 'POST', url: '/api/auth/password', payload: { token, password: 'een-nieuw-lang-wachtwoord' } });

/** The links the route issues (in the embedded default they go to the server log). */
function captureLinks(): { tokens(): Promise<string[]>; restore(): void } {
  const spy = vi.spyOn(fx.app.repos.tokens, 'issueReplacing');
  return {
    tokens: () => Promise.all(spy.mock.results.map((r) => r.value as Promise<string>)),
    restore: () => spy.mockRestore(),
  };
}

describe('AUTH-8 password reset: rate limited, one live link, a used link ends every session', () => {
  it('is rate limited per account: the fourth request within 15 minutes is refused, for unknown addresses too', async () => {
    for (const email of ['km@test.example', 'niemand@test.example']) {
      for (let i = 0; i < 3; i++) expect((await requestReset(email, `10.1.0.${i}`)).statusCode).toBe(202);
      const refused = await requestReset(email, '10.1.0.9');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
    }
  });

  it('is rate limited per address: the eleventh request from one address is refused, whatever the account', async () => {
    for (let i = 0; i < 10; i++) expect((await requestReset(`persoon${i}@test.example`, '10.2.0.1')).statusCode).toBe(202);
    const refused = await requestReset('nog-iemand@test.example', '10.2.0.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    // Another address is not affected.
    expect((await requestReset('nog-iemand@test.example', '10.2.0.2')).statusCode).toBe(202);
  });

  it('a new link retires the earlier ones: only the newest works', async () => {
    const links = captureLinks();
    try {
      expect((await requestReset('collega@test.example', '10.3.0.1')).statusCode).toBe(202);
      expect((await requestReset('collega@test.example', '10.3.0.1')).statusCode).toBe(202);
      const [older, newer] = (await links.tokens());
      const stale = await setPassword(older!);
      expect(stale.statusCode).toBe(400);
      expect(stale.json().error.code).toBe('token_invalid');
      expect((await setPassword(newer!)).statusCode).toBe(200);
    } finally {
      links.restore();
    }
  });

  it('a used link ends every session of the account: stored sessions and open sockets', async () => {
    const first = fx.headersFor('researcher');
    const second = fx.headersFor('researcher');
    const me = (headers: Record<string, string>) => fx.app.inject({ method: 'GET', url: '/api/me', headers });
    expect((await me(first)).statusCode).toBe(200);
    // A live collaboration socket of the first session: it has received the server's sync step 1.
    const ws = new WebSocket(`${fx.wsUrl}/${cycleDocName(fx.cycleId)}`, { headers: first });
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

    const links = captureLinks();
    try {
      expect((await requestReset('onderzoeker@test.example', '10.4.0.1')).statusCode).toBe(202);
      const used = await setPassword((await links.tokens())[0]!);
      expect(used.statusCode).toBe(200);
      expect(await closed).toBe(closeCodes.unauthenticated);
      expect((await me(first)).statusCode).toBe(401);
      expect((await me(second)).statusCode).toBe(401);
      // The person who set the password is logged in with a fresh session.
      const cookie = String(used.headers['set-cookie']).split(';')[0]!;
      expect((await me({ cookie })).statusCode).toBe(200);
    } finally {
      links.restore();
    }
  });
});
