import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { WebsocketProvider } from 'y-websocket';
import { openSqlite } from '../../server/storage/sqlite.ts';
import { loadConfig } from '../../server/config/index.ts';
import { cycleDocName } from '../../shared/domain/access.ts';
import { api, login } from '../helpers/auth.ts';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { appendLog, connectProvider, logEntries, waitForDocs, waitForSynced } from '../helpers/providers.ts';
import { startProtocolServer, startServer, tempDir, type TestServer } from '../helpers/server.ts';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres.close();
});

const providers: WebsocketProvider[] = [];
const servers: TestServer[] = [];
const children: ChildServer[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const s of servers.splice(0)) await s.close();
  for (const c of children.splice(0)) {
    c.proc.kill('SIGKILL');
    await c.exited;
  }
});

function connect(wsUrl: string, room: string, cookie?: string): WebsocketProvider {
  const p = connectProvider(wsUrl, room, cookie ? { headers: { cookie } } : undefined);
  providers.push(p);
  return p;
}

async function queryPostgres<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], url = postgres.url): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('PG-1 DATABASE_URL keeps the collaboration documents in PostgreSQL', () => {
  it('accepts only postgres:// URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/k' }).databaseUrl).toBe('postgres://u@db:5432/k');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/k' }).databaseUrl).toBe('postgresql://db/k');
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull();
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/k' })).toThrow(/DATABASE_URL/);
  });

  it('two y-websocket clients converge, and a restart (even with an empty data folder) keeps every update', async () => {
    const dir = tempDir();
    // A low threshold makes the server compact into a PostgreSQL snapshot during the edits.
    const config = { databaseUrl: postgres.url, compactThreshold: 25 };
    const first = await startProtocolServer({ ...config, dataDir: dir });
    const a = connect(first.wsUrl, 'pg-restart');
    const b = connect(first.wsUrl, 'pg-restart');
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    for (let i = 0; i < 50; i++) {
      a.doc.getArray<string>('n').push([`a${i}`]);
      b.doc.getArray<string>('n').push([`b${i}`]);
    }
    // Relayed means committed: once each has the other's 50, the server has all 100 stored.
    await waitForDocs([a.doc, b.doc], () => a.doc.getArray('n').length === 100 && b.doc.getArray('n').length === 100);
    const converged = a.doc.getArray<string>('n').toArray();
    expect(b.doc.getArray<string>('n').toArray()).toEqual(converged);
    for (const p of providers.splice(0)) p.destroy();
    await first.close();

    const kinds = await queryPostgres<{ kind: number }>('SELECT kind FROM doc_updates WHERE doc_name = $1', ['pg-restart']);
    expect(kinds.some((r) => r.kind === 1)).toBe(true);
    // Nothing of the document went to SQLite: its tables are not even there.
    const sqlite = openSqlite(dir);
    expect(sqlite.prepare(`SELECT name FROM sqlite_master WHERE name IN ('doc_updates', 'doc_edits')`).all()).toEqual([]);
    sqlite.close();

    const second = await startProtocolServer({ ...config, dataDir: tempDir() });
    servers.push(second);
    const reader = connect(second.wsUrl, 'pg-restart');
    await waitForSynced(reader);
    expect(reader.doc.getArray<string>('n').toArray()).toEqual(converged);
  });

  it('kill -9 while two clients edit loses no update that the other client had received', async () => {
    const dir = tempDir();
    const env = { KIJKRUIMTE_DATA_DIR: dir, DATABASE_URL: postgres.url, KIJKRUIMTE_COMPACT_THRESHOLD: '40', KIJKRUIMTE_DEMO: '1' };
    const child = await startChildServer(env);
    children.push(child);
    // The real process with real access control: the demo klantmanager edits the demo cycle.
    const who = await login(child.url, 'klantmanager@kijkruimte.example');
    const { body } = await api<{ cycles: { id: string }[] }>(child.url, who, 'GET', '/api/cycles');
    const room = cycleDocName(body.cycles[0]!.id);
    const clients = [connect(child.wsUrl, room, who.cookie), connect(child.wsUrl, room, who.cookie)];
    await Promise.all(clients.map(waitForSynced));

    // Each client appends its own tagged entries; what a client holds from the other was relayed.
    let total = 0;
    const target = 150;
    const relayedSoFar = (): Set<string> => {
      const relayed = new Set<string>();
      clients.forEach((c, i) => {
        for (const e of logEntries(c.doc)) if (!e.startsWith(`c${i}-`)) relayed.add(e);
      });
      return relayed;
    };
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        for (let i = 0; i < clients.length; i++) appendLog(clients[i]!.doc, `c${i}-${total++}`);
        if (relayedSoFar().size >= target) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    // Killed while edits are still in flight: the clients keep sending until the socket dies.
    child.proc.kill('SIGKILL');
    await child.exited;
    const relayed = relayedSoFar();
    for (const p of providers.splice(0)) p.destroy();

    const restarted = await startChildServer(env);
    children.push(restarted);
    const reader = connect(restarted.wsUrl, room, who.cookie);
    await waitForSynced(reader);
    const stored = new Set(logEntries(reader.doc));
    expect(relayed.size).toBeGreaterThanOrEqual(target);
    expect([...relayed].filter((e) => !stored.has(e))).toEqual([]);
    const inPostgres = await queryPostgres<{ n: string }>('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = $1', [room]);
    expect(Number(inPostgres[0]!.n)).toBeGreaterThan(0);
  });
});

describe('PG-4 a PostgreSQL restart does not take the server down', () => {
  it('cut connections are replaced; edits before and after the restart are kept', async () => {
    const dir = tempDir();
    const first = await startProtocolServer({ dataDir: dir, databaseUrl: postgres.url });
    const a = connect(first.wsUrl, 'pg-outage');
    const b = connect(first.wsUrl, 'pg-outage');
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    a.doc.getText('t').insert(0, 'voor');
    await waitForDocs([b.doc], () => b.doc.getText('t').toString() === 'voor');
    // The pool's idle connections are cut: without an error listener that would crash the process.
    await postgres.restart();
    a.doc.getText('t').insert(4, ' na');
    await waitForDocs([b.doc], () => b.doc.getText('t').toString() === 'voor na');
    for (const p of providers.splice(0)) p.destroy();
    await first.close();

    const second = await startProtocolServer({ dataDir: dir, databaseUrl: postgres.url });
    servers.push(second);
    const reader = connect(second.wsUrl, 'pg-outage');
    await waitForSynced(reader);
    expect(reader.doc.getText('t').toString()).toBe('voor na');
  });
});

/** Every file under `dir` that is an SQLite database (by its header), whatever its name. */
function sqliteFilesIn(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    fs.closeSync(fd);
    if (head.toString('latin1') === 'SQLite format 3\0') found.push(file);
  }
  return found;
}

describe('PGREPO-6 with DATABASE_URL everything is in PostgreSQL', () => {
  it('log in, create a cycle, restart: the session and the cycle are still there, and no SQLite file exists in the data folder', async () => {
    const databaseUrl = await postgres.createDatabase('app_only');
    const dir = tempDir();
    const config = { databaseUrl, demo: true };
    const first = await startServer({ ...config, dataDir: dir });
    const who = await login(first.url, 'klantmanager@kijkruimte.example');
    const created = await api<{ cycle: { id: string } }>(first.url, who, 'POST', '/api/cycles', { title: 'Na de herstart', counterpart: 'Meneer B' });
    expect(created.status).toBe(201);
    await first.close();

    const second = await startServer({ ...config, dataDir: dir });
    servers.push(second);
    // The same cookie still logs in: the session row is in PostgreSQL.
    const { status, body } = await api<{ cycles: { id: string; title: string }[] }>(second.url, who, 'GET', '/api/cycles');
    expect(status).toBe(200);
    expect(body.cycles.map((c) => c.title)).toContain('Na de herstart');
    const users = await queryPostgres<{ n: string }>('SELECT COUNT(*) AS n FROM users', [], databaseUrl);
    expect(Number(users[0]!.n)).toBeGreaterThan(0);
    expect(sqliteFilesIn(dir)).toEqual([]);
  });
});
