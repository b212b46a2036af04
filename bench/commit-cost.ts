/**
 * What the durable commit of one update costs in CPU at P1's rate (bench/README.md,
 * "commit-cost"): the document store as the server opens it (`SqliteDocStore.openWithGroupCommit`:
 * SQLite WAL with `synchronous = NORMAL`, then `fdatasync` of the WAL on libuv's thread pool),
 * committing one P1-sized update every 5 ms (200 per second, P1's rate; at that rate commits do
 * not group). Each variant runs in a fresh child process; the CPU is the whole process's (all
 * threads) per commit, and the `idle` variant, which runs the same timer without committing, is
 * subtracted from the others in the last column.
 *
 *   npm run bench -- commit-cost
 *   node --import tsx bench/commit-cost.ts --child <idle|transaction|durable> <commits> <dataDir>
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteDocStore } from '../server/storage/sqlite-doc-store.ts';
import { openSqlite } from '../server/storage/sqlite.ts';
import type { BenchOptions, BenchmarkResult, Check } from './lib/report.ts';
import { waitForQuiet } from './lib/proc.ts';
import { repoRoot, track, trackDir, untrackDir } from './lib/servers.ts';
import { heading, median, table } from './lib/stats.ts';

const variants = ['idle', 'transaction', 'durable'] as const;
type Variant = (typeof variants)[number];
const describe: Record<Variant, string> = {
  idle: 'the same 5 ms timer, no commit',
  transaction: 'SQLite transaction only (no fdatasync)',
  durable: 'transaction + fdatasync of the WAL (as the server commits)',
};
interface PerCommit {
  userUs: number;
  sysUs: number;
}

/** An update the size of P1's edit (3 characters and a map entry: ~60 bytes). */
const update = new Uint8Array(60).fill(7);
const docName = 'cycle:00000000-0000-4000-8000-000000000000:bench-commit';

async function child(variant: Variant, commits: number, dataDir: string): Promise<void> {
  let store: SqliteDocStore | null = null;
  if (variant === 'durable') store = SqliteDocStore.openWithGroupCommit(dataDir);
  if (variant === 'transaction') {
    const db = openSqlite(dataDir);
    db.pragma('synchronous = NORMAL');
    store = new SqliteDocStore(db, { ownsDb: true });
  }
  const warmUp = Math.ceil(commits / 10);
  const entry = { docName, update, userId: 'bench-user-0000', parts: ['evaluation'] };
  let n = 0;
  let start: NodeJS.CpuUsage | null = null;
  const used = await new Promise<NodeJS.CpuUsage>((resolve, reject) => {
    // One commit per tick, awaited as the persist hook awaits it before relaying.
    const timer = setInterval(() => {
      if (n === warmUp) start = process.cpuUsage();
      if (n === warmUp + commits) {
        clearInterval(timer);
        resolve(process.cpuUsage(start!));
        return;
      }
      n++;
      store?.appendBatch([entry]).catch(reject);
    }, 5);
  });
  await store?.close();
  console.log(JSON.stringify({ userUs: used.user / commits, sysUs: used.system / commits } satisfies PerCommit));
}

function runChild(variant: Variant, commits: number): Promise<PerCommit> {
  const dataDir = trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'kijkruimte-commit-')));
  return new Promise<PerCommit>((resolve, reject) => {
    const proc = track(
      spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench/commit-cost.ts'), '--child', variant, String(commits), dataDir], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      untrackDir(dataDir);
      if (code !== 0) return reject(new Error(`commit-cost child (${variant}) exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as PerCommit);
    });
  });
}

export async function commitCost(opts: BenchOptions): Promise<BenchmarkResult> {
  const commits = opts.quick ? 400 : 2_000;
  const rounds = opts.rounds > 0 ? opts.rounds : opts.quick ? 1 : 3;
  console.log(heading(`commit-cost: CPU per durable commit at 200 commits/s (${commits} commits, ${rounds} round(s), alternating order)`));
  const results: Record<Variant, PerCommit[]> = { idle: [], transaction: [], durable: [] };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) {
      await waitForQuiet(0.15, opts.quick ? 5_000 : 30_000);
      results[v].push(await runChild(v, commits));
    }
  }
  const med = (v: Variant): PerCommit => ({ userUs: median(results[v].map((p) => p.userUs)), sysUs: median(results[v].map((p) => p.sysUs)) });
  const idle = med('idle');
  const rows = variants.map((v) => {
    const m = med(v);
    const total = m.userUs + m.sysUs;
    return [v, describe[v], m.userUs.toFixed(0), m.sysUs.toFixed(0), total.toFixed(0), v === 'idle' ? '–' : (total - idle.userUs - idle.sysUs).toFixed(0)];
  });
  console.log(table(['variant', 'what', 'user µs', 'sys µs', 'total µs', 'above idle µs'], rows));
  const durable = med('durable');
  const durableCost = durable.userUs + durable.sysUs - idle.userUs - idle.sysUs;
  const checks: Check[] = [
    {
      id: 'P1',
      what: 'CPU of one durable commit at 200/s (informational: compare with P1 CPU per edit)',
      value: `${durableCost.toFixed(0)} µs`,
      target: '–',
      pass: null,
    },
  ];
  return { name: 'commit-cost', checks, notes: [] };
}

if (process.argv[2] === '--child') {
  const [variant, commits, dataDir] = process.argv.slice(3);
  if (!variants.includes(variant as Variant) || !(Number(commits) > 0) || !dataDir) {
    console.error('usage: commit-cost.ts --child <idle|transaction|durable> <commits> <dataDir>');
    process.exit(2);
  }
  await child(variant as Variant, Number(commits), dataDir);
}
