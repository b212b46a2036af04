import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { clientLoginLimits } from '../../server/portal/sessions.ts';
import { cycleDocName } from '../../shared/domain/access.ts';
import { addFragment, fragmentsOf } from '../../shared/domain/cycle-doc/fragments.ts';
import { interviewFragmentsOf, setInterviewFragment } from '../../shared/domain/cycle-doc/interview.ts';
import { interviewDocName } from '../../shared/domain/cycle-doc/keys.ts';
import { clientSessionHeader } from '../../shared/portal/code.ts';
import type { ClientCodeResponse } from '../../shared/portal/protocol.ts';
import { fragmentSessionHeader } from '../../shared/protocol/fragment-links.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { uploadScan } from '../helpers/consent-scan.ts';
import { listFiles } from '../helpers/media.ts';
import { testAppConfig } from '../helpers/server.ts';
import { storedHolding, withTestSql } from '../helpers/test-sql.ts';

/**
 * The tab sessions of people without an account (`server/auth/tab-sessions.ts`): the client's
 * portal (PORTAL-2) and a fragment link's viewer (FRAGLINK-1) pass the same contract. A session
 * lives in SQLite (only its hash), so a restart of the server keeps it; past its expiry it is
 * refused; it works only in its own header. The portal's rate limits survive a restart too.
 */

const opened: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

async function fixture(): Promise<AccessFixture> {
  const fx = await accessFixture();
  opened.push(fx.app);
  return fx;
}

/** The same data directory, a new process: what a restart of the server sees. */
async function restart(fx: AccessFixture): Promise<FastifyInstance> {
  await fx.app.close();
  opened.splice(opened.indexOf(fx.app), 1);
  const app = await buildApp({ config: await testAppConfig({ dataDir: fx.app.config.dataDir, clientDir: path.resolve('does-not-exist') }) });
  opened.push(app);
  return app;
}

const today = () => new Date().toISOString().slice(0, 10);
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

interface Kind {
  name: string;
  header: string;
  /** Opens a session the way the tab does; returns its token. */
  open(fx: AccessFixture): Promise<string>;
  /** A request only a live session may make. */
  url: string;
  /** The refusal's code. */
  refused: string;
}

const kinds: Kind[] = [
  {
    name: 'the client portal (PORTAL-2)',
    header: clientSessionHeader,
    url: '/api/client/overview',
    refused: 'client_session_expired',
    async open(fx) {
      const code = await fx.app.inject({ method: 'POST', url: `/api/cycles/${fx.cycleId}/recordings/${fx.recordingId}/client-code`, headers: fx.headersFor('owner') });
      expect(code.statusCode).toBe(201);
      const res = await fx.app.inject({ method: 'POST', url: '/api/client/session', payload: { code: code.json<ClientCodeResponse>().code } });
      expect(res.statusCode).toBe(201);
      return res.json<{ token: string }>().token;
    },
  },
  {
    name: 'a fragment link (FRAGLINK-1)',
    header: fragmentSessionHeader,
    url: '/api/kijken/fragmenten',
    refused: 'fragment_link_invalid',
    async open(fx) {
      const consent = await fx.app.inject({
        method: 'PUT',
        url: `/api/cycles/${fx.cycleId}/recordings/${fx.recordingId}/consent`,
        headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' },
        payload: JSON.stringify({
          decisions: { own: true, researchers: true, colleagues: false, training: false, clientInterview: true },
          clientSignedOn: today(),
          managerSignedOn: today(),
          recordedBy: 'Klantmanager',
          retentionUntil: inAYear(),
        }),
      });
      expect(consent.statusCode).toBe(200);
      await uploadScan(fx.app, fx.headersFor('owner'), fx.cycleId, fx.recordingId);
      const id = await fx.app.collab.withDoc(cycleDocName(fx.cycleId), (doc) =>
        addFragment(fragmentsOf(doc), { mediaId: fx.mediaId, start: 1, end: 2, label: 'begin', createdBy: fx.userIds.researcher }));
      await fx.app.collab.withDoc(interviewDocName(fx.cycleId), (doc) => setInterviewFragment(interviewFragmentsOf(doc), id, true));
      const made = await fx.app.inject({ method: 'POST', url: `/api/cycles/${fx.cycleId}/fragment-links`, headers: { ...fx.headersFor('researcher'), 'content-type': 'application/json' }, payload: '{}' });
      expect(made.statusCode).toBe(201);
      const secret = made.json<{ link: { path: string } }>().link.path.split('#')[1]!;
      const res = await fx.app.inject({ method: 'POST', url: '/api/kijken/sessie', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token: secret }) });
      expect(res.statusCode).toBe(200);
      return res.json<{ session: string }>().session;
    },
  },
];

const get = (app: FastifyInstance, kind: Kind, headers: Record<string, string>, url = kind.url) => app.inject({ method: 'GET', url, headers });

describe.each(kinds)('PORTAL-2 FRAGLINK-1 one tab-session contract: $name', (kind) => {
  it('works only in its header; stored only as a hash; a forged token is refused', async () => {
    const fx = await fixture();
    const token = await kind.open(fx);
    expect((await get(fx.app, kind, { [kind.header]: token })).statusCode).toBe(200);
    for (const [headers, url] of [
      [{}, kind.url],
      [{ [kind.header]: `${token.slice(0, -2)}xx` }, kind.url],
      [{ cookie: `${kind.header}=${token}` }, kind.url],
      [{}, `${kind.url}?${kind.header}=${token}&token=${token}`],
      [fx.headersFor('owner'), kind.url],
    ] as [Record<string, string>, string][]) {
      const res = await get(fx.app, kind, headers, url);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: kind.refused } });
    }
    await fx.app.repos.media.checkpoint();
    expect(listFiles(fx.app.config.dataDir).filter((f) => fs.readFileSync(f).includes(Buffer.from(token)))).toEqual([]);
    expect(await storedHolding(fx.app.config, Buffer.from(token))).toEqual([]);
  });

  it('survives a restart of the server (same data directory)', async () => {
    const fx = await fixture();
    const token = await kind.open(fx);
    const app = await restart(fx);
    expect((await get(app, kind, { [kind.header]: token })).statusCode).toBe(200);
  });

  it('an expired session is refused, also after a restart, and removed', async () => {
    const fx = await fixture();
    const token = await kind.open(fx);
    const app = await restart(fx);
    // Only the session expires (a fragment link itself would still be valid for hours).
    const expired = await withTestSql(app.config, (db) =>
      db.run('UPDATE tab_sessions SET expires_at = ? WHERE kind = ?', [Date.now() - 1, kind.header === clientSessionHeader ? 'client' : 'fragment']),
    );
    expect(expired.changes).toBe(1);
    const res = await get(app, kind, { [kind.header]: token });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: kind.refused } });
    expect(await withTestSql(app.config, (db) => db.get('SELECT COUNT(*) AS n FROM tab_sessions'))).toEqual({ n: 0 });
  });
});

describe('PORTAL-3 the login limit keeps counting across a restart', () => {
  it('wrong codes before a restart still count after it; only hashes of addresses and codes are stored', async () => {
    const fx = await fixture();
    const code = (await fx.app.inject({ method: 'POST', url: `/api/cycles/${fx.cycleId}/recordings/${fx.recordingId}/client-code`, headers: fx.headersFor('owner') })).json<ClientCodeResponse>().code;
    const address = '10.9.8.7';
    for (let i = 0; i < clientLoginLimits.perAddress - 1; i++) {
      expect((await fx.app.inject({ method: 'POST', url: '/api/client/session', payload: { code: 'ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ' }, remoteAddress: address })).statusCode).toBe(401);
    }
    const app = await restart(fx);
    expect((await app.inject({ method: 'POST', url: '/api/client/session', payload: { code: 'ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ' }, remoteAddress: address })).statusCode).toBe(401);
    const blocked = await app.inject({ method: 'POST', url: '/api/client/session', payload: { code }, remoteAddress: address });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await app.inject({ method: 'POST', url: '/api/client/session', payload: { code }, remoteAddress: '10.9.8.6' })).statusCode).toBe(201);
    await app.repos.media.checkpoint();
    const stored = JSON.stringify(await withTestSql(app.config, (db) => db.all('SELECT * FROM rate_counters')));
    expect(stored).not.toContain(address);
    expect(stored).not.toContain(code);
  });
});

describe('AUTH-9 the staff login and reset limits are stored: a restart does not reset them', () => {
  it('failed logins before a restart still count after it, per e-mail address; only hashes are stored', async () => {
    const fx = await fixture();
    const login = (app: FastifyInstance, password: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'km@test.example', password }, remoteAddress });
    for (let i = 0; i < 4; i++) expect((await login(fx.app, `fout-${i}-wachtwoord`, `10.7.0.${i}`)).statusCode).toBe(401);
    const app = await restart(fx);
    expect((await login(app, 'nog-een-fout-wachtwoord', '10.7.0.9')).statusCode).toBe(401);
    // The fifth failure reached the limit: even from a new address the account is paused.
    const blocked = await login(app, 'nog-een-poging-erbij', '10.7.0.10');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const reset = (remoteAddress: string) => app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: 'onderzoeker@test.example' }, remoteAddress });
    for (let i = 0; i < 3; i++) expect((await reset(`10.7.1.${i}`)).statusCode).toBe(202);
    const again = await restart({ ...fx, app });
    expect((await again.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: 'onderzoeker@test.example' }, remoteAddress: '10.7.1.9' })).statusCode).toBe(429);
    await again.repos.media.checkpoint();
    const stored = JSON.stringify(await withTestSql(again.config, (db) => db.all('SELECT * FROM rate_counters')));
    expect(stored).not.toContain('km@test.example');
    expect(stored).not.toContain('10.7.0.');
  });
});
