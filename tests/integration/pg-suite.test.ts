import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { cycleDocName } from '../../shared/domain/access.ts';
import { noConsent } from '../../shared/domain/consent.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { joined, openRaw } from '../helpers/raw-collab.ts';
import { startServer, tempDir, testAppConfig } from '../helpers/server.ts';
import { onPostgres, testDatabaseKind } from '../helpers/test-database.ts';

describe('PGSUITE-1 KIJKRUIMTE_TEST_DATABASE chooses the database of every app the tests build', () => {
  it('is sqlite unless set to postgres, and refuses anything else', () => {
    expect(testDatabaseKind({})).toBe('sqlite');
    expect(testDatabaseKind({ KIJKRUIMTE_TEST_DATABASE: 'sqlite' })).toBe('sqlite');
    expect(testDatabaseKind({ KIJKRUIMTE_TEST_DATABASE: 'postgres' })).toBe('postgres');
    expect(() => testDatabaseKind({ KIJKRUIMTE_TEST_DATABASE: 'pg' })).toThrow(/KIJKRUIMTE_TEST_DATABASE/);
  });

  it('on this run: a database per data folder, the same one again when an app restarts on its folder', async () => {
    const dir = tempDir();
    const first = await startServer({ dataDir: dir });
    const other = await startServer();
    try {
      const url = first.app.config.databaseUrl;
      if (onPostgres) {
        expect(url).toMatch(/^postgres:\/\//);
        expect(other.app.config.databaseUrl).toMatch(/^postgres:\/\//);
        expect(other.app.config.databaseUrl).not.toBe(url);
        // No SQLite file is made for an app on PostgreSQL.
        expect(fs.existsSync(path.join(dir, 'kijkruimte.sqlite'))).toBe(false);
      } else {
        expect(url).toBeNull();
        expect(fs.existsSync(path.join(dir, 'kijkruimte.sqlite'))).toBe(true);
      }
      const orgId = await first.app.repos.users.createOrganisation('Gemeente');
      await first.close();
      const again = await startServer({ dataDir: dir });
      try {
        expect(again.app.config.databaseUrl).toBe(url);
        expect(await again.app.repos.users.firstOrganisation()).toBe(orgId);
      } finally {
        await again.close();
      }
    } finally {
      await other.close();
    }
  });
});

// Always on PostgreSQL (a cluster of its own), whichever run this is: the race only exists there.
describe('PGSUITE-2 a session minted by headersFor is there for the very next request, on PostgreSQL too', () => {
  let postgres: TestPostgres;
  let fx: AccessFixture;
  beforeAll(async () => {
    postgres = await startPostgres();
    fx = await accessFixture({ databaseUrl: postgres.url });
  });
  afterAll(async () => {
    await fx.close();
    await postgres.close();
  });

  /** Headers whose session row is surely written (the request before the race warms the pool). */
  async function settledHeaders(): Promise<Record<string, string>> {
    const { token, row } = await fx.app.repos.sessions.create(fx.userIds.owner);
    return { cookie: `${fx.app.sessionCookie.name}=${token}`, 'x-csrf-token': row.csrf_token };
  }

  /** Resolves `started` when the app first reads a session (outside the fixture's own wait). */
  function watchLookups(): { started: Promise<void>; stop(): void } {
    const sessions = fx.app.repos.sessions;
    const inner = sessions.getByHash;
    let signal!: () => void;
    const started = new Promise<void>((resolve) => (signal = resolve));
    sessions.getByHash = (idHash) => {
      signal();
      return inner(idHash);
    };
    return { started, stop: () => (sessions.getByHash = inner) };
  }

  it('HTTP: a request sent while its session row is still being written is accepted', async () => {
    // Make the race certain: another connection holds a lock that lets reads through but keeps the
    // session's INSERT waiting, while the request's lookup runs. Without the fixture's wait, the
    // lookup finds no row (401).
    await fx.app.inject({ method: 'GET', url: '/api/me', headers: await settledHeaders() });
    const locker = new pg.Client({ connectionString: postgres.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE sessions IN SHARE MODE');
      const lookups = watchLookups();
      const headers = fx.headersFor('owner');
      const response = fx.app.inject({ method: 'GET', url: '/api/me', headers });
      await lookups.started;
      // One round trip more, so an unguarded lookup has reached the server before the lock goes.
      await locker.query('SELECT 1');
      await locker.query('COMMIT');
      expect((await response).statusCode).toBe(200);
      lookups.stop();
    } finally {
      await locker.end();
    }
  });

  it('HTTP: many fresh sessions used at once are all accepted', async () => {
    // Each request is sent the moment its session is minted, as the 186 call sites do.
    const responses = await Promise.all(Array.from({ length: 60 }, () => fx.app.inject({ method: 'GET', url: '/api/me', headers: fx.headersFor('owner') })));
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
  });

  it('PGSUITE-4 U+0000 in a path, a query, a JSON body or upload metadata is refused with 400, changing nothing', async () => {
    const before = await fx.app.repos.cycles.get(fx.cycleId);
    const recordings = (await fx.app.repos.media.recordingsOf(fx.cycleId)).length;
    const json = { ...fx.headersFor('owner'), 'content-type': 'application/json' };
    const answers = [
      // PostgreSQL refuses the character in TEXT: this was a 500 there (and stored on SQLite).
      await fx.app.inject({ method: 'PATCH', url: `/api/cycles/${fx.cycleId}`, headers: json, payload: JSON.stringify({ title: 'Cyclus \u0000 A' }) }),
      await fx.app.inject({ method: 'PATCH', url: `/api/cycles/${fx.cycleId}`, headers: json, payload: JSON.stringify({ ['\u0000']: 1, title: 'Cyclus' }) }),
      // Deep enough to overflow a recursive search (the fuzzer nests bodies 100,000 deep).
      await fx.app.inject({ method: 'PATCH', url: `/api/cycles/${fx.cycleId}`, headers: json, payload: `{"title":${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}}` }),
      await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}%00`, headers: fx.headersFor('owner') }),
      await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}/audit?action=%00`, headers: fx.headersFor('owner') }),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'validation_failed', message: 'Niet alle velden zijn goed ingevuld.' } });
    }
    const upload = await fx.app.inject({
      method: 'POST',
      url: `/api/cycles/${fx.cycleId}/uploads`,
      headers: { ...fx.headersFor('owner'), 'tus-resumable': '1.0.0', 'upload-length': '100', 'upload-metadata': `label ${Buffer.from('video\0 2').toString('base64')}` },
    });
    expect(upload.statusCode).toBe(400);
    expect(upload.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect(await fx.app.repos.cycles.get(fx.cycleId)).toEqual(before);
    expect(await fx.app.repos.media.recordingsOf(fx.cycleId)).toHaveLength(recordings);
  });

  it('WebSocket upgrade: a socket opened with a fresh session joins its room', async () => {
    const sockets = await Promise.all(Array.from({ length: 8 }, () => openRaw(`${fx.wsUrl}/${cycleDocName(fx.cycleId)}`, fx.headersFor('owner'))));
    try {
      expect(await Promise.all(sockets.map((s) => joined(s)))).toEqual(sockets.map(() => true));
    } finally {
      for (const s of sockets) s.ws.close();
    }
  });
});

describe('PGSUITE-3 the start-up retention sweep is the app’s latest sweep from its first moment, on PostgreSQL too', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres.close();
  });

  it('a recording past its date is erased by the sweep the started app reports (and its shutdown waits for)', async () => {
    const databaseUrl = await postgres.createDatabase('sweep');
    const before = await accessFixture({ databaseUrl });
    await before.app.repos.media.addConsentEvent({
      recordingId: before.recordingId,
      actorId: before.userIds.owner,
      kind: 'recorded',
      decisions: { ...noConsent(), own: true },
      changed: ['own'],
      retentionUntil: '2000-01-01',
    });
    await before.close();
    // On PostgreSQL the round first asks for its advisory lock; `lastSweep` used to be the
    // previous (settled) round meanwhile, so this waited for nothing.
    const app = await buildApp({ config: await testAppConfig({ dataDir: before.app.config.dataDir, databaseUrl }) });
    try {
      await app.media.lastSweep;
      expect(await app.repos.media.media(before.mediaId)).toMatchObject({ status: 'erased', erased_reason: 'retention' });
    } finally {
      await app.close();
    }
  });
});
