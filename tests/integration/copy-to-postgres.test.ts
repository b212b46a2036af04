import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { WebsocketProvider } from 'y-websocket';
import { cycleDocName } from '../../shared/domain/access.ts';
import { api, login } from '../helpers/auth.ts';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { appendLog, connectProvider, logEntries, waitForDoc, waitForSynced } from '../helpers/providers.ts';
import { tempDir } from '../helpers/server.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres.close();
});

const children: ChildServer[] = [];
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const c of children.splice(0)) {
    c.proc.kill('SIGKILL');
    await c.exited;
  }
});

async function child(env: Record<string, string>): Promise<ChildServer> {
  const c = await startChildServer(env);
  children.push(c);
  return c;
}

async function stop(c: ChildServer): Promise<void> {
  c.proc.kill('SIGTERM');
  await c.exited;
  children.splice(children.indexOf(c), 1);
}

async function newDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgres.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function rows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}

function copy(dataDir: string, databaseUrl: string): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'scripts/copy-to-postgres.ts'], { cwd: root, env: { ...process.env, KIJKRUIMTE_DATA_DIR: dataDir, DATABASE_URL: databaseUrl } });
}

describe('PGCOPY-1 an installation switches from SQLite to PostgreSQL with its data', () => {
  it('accounts, sessions, cycles, documents and the audit log come along; the server on PostgreSQL carries on; a second copy is refused', async () => {
    const dir = tempDir();
    // On SQLite, whatever database the test run uses (DATABASE_URL empty: the data folder's file).
    const before = await child({ KIJKRUIMTE_DATA_DIR: dir, KIJKRUIMTE_DEMO: '1', DATABASE_URL: '' });
    const owner = await login(before.url, 'klantmanager@kijkruimte.example');
    const created = await api<{ cycle: { id: string } }>(before.url, owner, 'POST', '/api/cycles', { title: 'Gesprek voor de overstap' });
    expect(created.status).toBe(201);
    const room = cycleDocName(created.body.cycle.id);
    const p = connectProvider(before.wsUrl, room, { headers: { cookie: owner.cookie } });
    providers.push(p);
    await waitForSynced(p);
    for (let i = 0; i < 5; i++) appendLog(p.doc, `voor-${i}`);
    // Stored: a second client sees all five (persist before broadcast).
    const check = connectProvider(before.wsUrl, room, { headers: { cookie: owner.cookie } });
    providers.push(check);
    await waitForDoc(check.doc, () => logEntries(check.doc).filter((e) => e.startsWith('voor-')).length === 5);
    for (const x of providers.splice(0)) x.destroy();
    const cyclesBefore = (await api<{ cycles: { id: string; title: string }[] }>(before.url, owner, 'GET', '/api/cycles')).body.cycles;
    await stop(before);

    const url = await newDatabase('overstap');
    const { stdout } = await copy(dir, url);
    expect(stdout).toMatch(/Klaar: \d+ rijen in \d+ tabellen; de hash-keten van het auditlog \(\d+ regels\) klopt\./);
    expect(stdout).toMatch(/doc_updates: [1-9]\d* rijen/);

    // The same data folder (master key, media) with DATABASE_URL: the same people, cycles and
    // documents; even the session cookie from before the switch still works.
    const after = await child({ KIJKRUIMTE_DATA_DIR: dir, DATABASE_URL: url });
    const cyclesAfter = await api<{ cycles: { id: string; title: string }[] }>(after.url, owner, 'GET', '/api/cycles');
    expect(cyclesAfter.status).toBe(200);
    expect(cyclesAfter.body.cycles.map((c) => [c.id, c.title])).toEqual(cyclesBefore.map((c) => [c.id, c.title]));
    const relogin = await login(after.url, 'klantmanager@kijkruimte.example');
    const q = connectProvider(after.wsUrl, room, { headers: { cookie: relogin.cookie } });
    providers.push(q);
    await waitForSynced(q);
    await waitForDoc(q.doc, () => logEntries(q.doc).filter((e) => e.startsWith('voor-')).length === 5);
    // New writes continue the copied ids and seqs.
    appendLog(q.doc, 'na-de-overstap');
    const r = connectProvider(after.wsUrl, room, { headers: { cookie: relogin.cookie } });
    providers.push(r);
    await waitForDoc(r.doc, () => logEntries(r.doc).includes('na-de-overstap'));
    const [{ n: docRows }] = (await rows(url, `SELECT COUNT(DISTINCT seq) AS n FROM doc_updates`)) as [{ n: string }];
    const [{ n: allRows }] = (await rows(url, `SELECT COUNT(*) AS n FROM doc_updates`)) as [{ n: string }];
    expect(docRows).toBe(allRows);
    await stop(after);
    const audit = await run(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { cwd: root, env: { ...process.env, KIJKRUIMTE_DATA_DIR: dir, DATABASE_URL: url } });
    expect(audit.stdout).toMatch(/^Auditlog intact: \d+ regels/);

    // A target that holds data is refused, and stays as it was.
    const countBefore = await rows(url, 'SELECT COUNT(*) AS n FROM audit_events');
    const again = copy(dir, url);
    await expect(again).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/niet leeg/) });
    expect(await rows(url, 'SELECT COUNT(*) AS n FROM audit_events')).toEqual(countBefore);
  });

  it('without a SQLite database there is nothing to copy: a clear refusal, nothing written', async () => {
    const url = await newDatabase('leeg_doel');
    await expect(copy(tempDir(), url)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/Geen SQLite-database gevonden/) });
    expect(await rows(url, `SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = 'public'`)).toEqual([{ n: '0' }]);
  });
});
