import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepos } from '../../server/plugins/db.ts';
import { AnonymousRefusals } from '../../server/storage/audit.ts';
import { verifyAuditChain } from '../../server/storage/audit-chain.ts';
import { verifyAuditLog } from '../../server/storage/audit-verify.ts';
import { migrate, versionBeforeAuditChain } from '../../server/storage/migrations.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';
import { SqliteSql } from '../../server/storage/sqlite-sql.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { tempDir } from '../helpers/server.ts';
import { withTestSql } from '../helpers/test-sql.ts';

const run = promisify(execFile);
const policy = { idleMs: 60_000, absoluteMs: 3_600_000 };

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

const plays = async () => (await fx.app.repos.audit.latest(10_000)).filter((e) => e.action === 'media_played' && e.target === fx.mediaId);

describe('AUDIT-1 a playback is audited at any offset, once per person, file and window', () => {
  it('three `bytes=1-` requests (never from byte 0) make exactly one playback entry', async () => {
    expect(await plays()).toHaveLength(0);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${fx.url}/api/media/${fx.mediaId}`, { headers: { ...fx.headersFor('owner'), range: 'bytes=1-' } });
      expect(res.status).toBe(206);
      await res.arrayBuffer();
    }
    const rows = await plays();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_id).toBe(fx.userIds.owner);
  });
});

describe('AUDIT-2 anonymous refusals are aggregated per address and minute', () => {
  it('300 anonymous GETs add no row until their minute has passed, then one row with the count', async () => {
    const before = (await fx.app.repos.audit.latest(1))[0]!.id;
    for (let i = 0; i < 300; i++) {
      const res = await fx.app.inject({ method: 'GET', url: `/api/cycles/${fx.cycleId}` });
      expect(res.statusCode).toBe(401);
    }
    expect((await fx.app.repos.audit.latest(1))[0]!.id).toBe(before);
    // The timer calls flushDue; here the minute is passed explicitly instead of waited for.
    expect(fx.app.repos.refusals.flushDue(Date.now() + 60_000)).toBe(1);
    await fx.app.repos.refusals.settled();
    const rows = (await fx.app.repos.audit.latest(10)).filter((e) => e.id > before);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_id).toBeNull();
    expect(rows[0]!.outcome).toBe('denied');
    const detail = JSON.parse(rows[0]!.detail!) as Record<string, unknown>;
    expect(detail).toMatchObject({ address: '127.0.0.1', count: 300, reasons: 'unauthenticated', targets: 'GET /api/cycles/:id' });
  });

  it('a new minute opens a new row; other addresses have their own', async () => {
    const written: unknown[] = [];
    const audit = { record: async (e: unknown) => void written.push(e) } as unknown as ConstructorParameters<typeof AnonymousRefusals>[0];
    const agg = new AnonymousRefusals(audit, 60_000);
    agg.note('10.0.0.1', 'unauthenticated', 'GET /a', 0);
    agg.note('10.0.0.1', 'csrf_failed', 'POST /b', 59_999);
    agg.note('10.0.0.2', 'unauthenticated', 'GET /a', 1_000);
    expect(written).toHaveLength(0);
    // The same address after its minute: the old window is written, a new one starts.
    agg.note('10.0.0.1', 'unauthenticated', 'GET /a', 60_000);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ detail: { address: '10.0.0.1', count: 2, reasons: 'unauthenticated,csrf_failed' } });
    expect(agg.flushDue(61_000)).toBe(1);
    await agg.flushAll();
    expect(written).toHaveLength(3);
  });

  it('pending refusals are written when the server stops', async () => {
    const local = await accessFixture();
    await local.app.inject({ method: 'GET', url: '/api/cycles' });
    await local.close();
    const row = await withTestSql(local.app.config, (db) => db.get<{ detail: string }>("SELECT detail FROM audit_events WHERE target = 'anonymous'"));
    expect(JSON.parse(row!.detail)).toMatchObject({ count: 1 });
  });
});

/** A database with a chained audit log of `n` rows, closed; returns its file. */
async function chainedDatabase(n: number): Promise<string> {
  const dir = tempDir();
  const db = openSqlite(dir);
  migrate(db);
  const repos = createRepos(new SqliteSql(db), policy);
  for (let i = 0; i < n; i++) await repos.audit.record({ actorId: null, action: 'cycle_opened', cycleId: `c${i}`, detail: { i } });
  db.close();
  return path.join(dir, 'kijkruimte.sqlite');
}

/** A copy of `file` in which the triggers are dropped and `sql` is run (the attacker's edit). */
function tamperedCopy(file: string, sql: string): string {
  const copy = path.join(tempDir(), 'kopie.sqlite');
  const src = new BetterSqlite3(file, { readonly: true });
  // A consistent copy including anything still in the WAL.
  src.exec(`VACUUM INTO '${copy}'`);
  src.close();
  const db = new BetterSqlite3(copy);
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  db.exec(sql);
  db.close();
  return copy;
}

describe('AUDIT-3 the audit log is hash-chained and `audit:verify` finds removed or altered rows', () => {
  let file: string;
  beforeAll(async () => {
    file = await chainedDatabase(6);
  });

  it('an untouched log verifies; each row links to the one before', () => {
    const report = verifyAuditLog(file);
    expect(report.rows).toBe(6);
    expect(report.problems).toEqual([]);
    const db = new BetterSqlite3(file, { readonly: true });
    const rows = db.prepare('SELECT prev_hash, hash FROM audit_events ORDER BY id').all() as { prev_hash: string; hash: string }[];
    db.close();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('the database itself still refuses edits and deletions', () => {
    const db = new BetterSqlite3(file);
    expect(() => db.exec("UPDATE audit_events SET target = 'x' WHERE id = 2")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_events WHERE id = 2')).toThrow(/append-only/);
    db.close();
  });

  it.each([
    ['a removed row', 'DELETE FROM audit_events WHERE id = 3', ['gap', 'broken_link']],
    ['an altered field', "UPDATE audit_events SET actor_id = 'iemand-anders' WHERE id = 4", ['altered']],
    ['an altered row whose stored hash was changed too', "UPDATE audit_events SET detail = NULL, hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE id = 2", ['altered', 'broken_link']],
    ['rows removed from the end', 'DELETE FROM audit_events WHERE id >= 5', ['missing_tail']],
  ])('%s is reported', (_name, sql, kinds) => {
    const report = verifyAuditLog(tamperedCopy(file, sql));
    expect(new Set(report.problems.map((p) => p.kind))).toEqual(new Set(kinds));
  });

  it('a row written after a removal at the end still shows the removal', async () => {
    const copy = tamperedCopy(file, 'DELETE FROM audit_events WHERE id = 6');
    const db = new BetterSqlite3(copy);
    migrate(db);
    await createRepos(new SqliteSql(db), policy).audit.record({ actorId: null, action: 'login' });
    db.close();
    expect(verifyAuditLog(copy).problems.map((p) => p.kind)).toContain('gap');
  });

  it('the migration chains the rows of an older database', async () => {
    const dir = tempDir();
    const db = openSqlite(dir);
    migrate(db, versionBeforeAuditChain);
    const insert = db.prepare("INSERT INTO audit_events (at, actor_id, action, outcome) VALUES (?, NULL, 'login', 'allowed')");
    for (let i = 0; i < 4; i++) insert.run(1_000 + i);
    migrate(db);
    await createRepos(new SqliteSql(db), policy).audit.record({ actorId: null, action: 'logout' });
    const report = verifyAuditChain(db);
    db.close();
    expect(report).toMatchObject({ rows: 5, problems: [] });
  });

  it('`npm run audit:verify` exits 0 on an intact log and 1 naming the row on a tampered one', async () => {
    const script = path.resolve('scripts/audit-verify.ts');
    const tsx = path.resolve('node_modules/.bin/tsx');
    const ok = await run(tsx, [script, '--db', file]);
    expect(ok.stdout).toMatch(/intact: 6 regels/);
    const bad = tamperedCopy(file, 'DELETE FROM audit_events WHERE id = 3');
    const failed = await run(tsx, [script, '--db', bad]).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/regel 4/);
    expect(fs.existsSync(bad)).toBe(true);
  });
});
