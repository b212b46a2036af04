/**
 * Idle memory of each server, broken down: where ours spends more than the reference.
 *
 *   npm run bench -- memory [--quick]          (or `npm run bench:memory [-- --heapsnapshot]`)
 *
 * Starts each server in its own child process (fresh data directory, demo workspace for ours),
 * leaves it idle, then reads VmRSS from /proc. Ours also prints `process.memoryUsage()`, V8's code
 * and bytecode sizes and its heap spaces (`KIJKRUIMTE_MEMORY_REPORT`, server/memory-report.ts), so
 * the table shows whether the difference is JavaScript heap, compiled code, or native memory
 * (RSS − heap − external: the node binary, native addons, allocator slack). Servers:
 *
 * - kijkruimte: compiled, plain node, as `npm start` runs it (`--runtime deployed`), on its first
 *   start (seeding the demo hashes passwords and writes the report template, so argon2 and the
 *   editor schema are loaded);
 * - kijkruimte (no demo): the same without the demo seed, as a server that starts on existing data
 *   and has not yet had a login, a new cycle or an export;
 * - kijkruimte (tsx): the same sources under `node --import tsx`, as `npm start` ran it before;
 * - reference and hocuspocus: bundled, plain node;
 * - baseline: another checkout (`KIJKRUIMTE_BENCH_BASELINE`), as its own `npm start` runs it.
 *
 * `--heapsnapshot` writes one heap snapshot of the compiled server into bench/results/ (node's
 * `--heapsnapshot-signal`), to open in Chrome DevTools → Memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MemoryReport } from '../server/memory-report.ts';
import type { BenchOptions, BenchmarkResult, Check, Runtime } from './lib/report.ts';
import { baselineRoot, endAll, repoRoot, startServer, type ServerKind } from './lib/servers.ts';
import { heading, mb, ratio, table } from './lib/stats.ts';

// The line the server prints with KIJKRUIMTE_MEMORY_REPORT, declared once by the server.
type Report = MemoryReport;

interface Row {
  label: string;
  /** VmRSS after the idle wait (bytes). */
  rss: number;
  report: Report | null;
}

const IDLE_MS = 2_000;

function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 50);
    };
    poll();
  });
}

async function measure(label: string, kind: ServerKind, runtime: Runtime, snapshotDir: string | null, env: Record<string, string> = {}): Promise<Row> {
  let report: Report | null = null;
  const reports = kind === 'ours' || kind === 'base';
  const server = await startServer(kind, runtime, {
    env: { KIJKRUIMTE_MEMORY_REPORT: String(IDLE_MS), ...env },
    noLogin: env.KIJKRUIMTE_DEMO === '0',
    nodeArgs: snapshotDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : [],
    onLine: (line) => {
      if (line.startsWith('KIJKRUIMTE_MEMORY ')) report = JSON.parse(line.slice('KIJKRUIMTE_MEMORY '.length)) as Report;
    },
  });
  try {
    // A checkout without the memory report (older baseline) is read from /proc only.
    const started = Date.now();
    await waitFor(() => report !== null || !reports || Date.now() - started > IDLE_MS + 3_000, IDLE_MS + 10_000, `${label} memory report`);
    if (!reports) await new Promise((r) => setTimeout(r, IDLE_MS));
    const rss = server.rss();
    if (snapshotDir) {
      const before = new Set(fs.readdirSync(snapshotDir));
      process.kill(server.pid, 'SIGUSR2');
      // The snapshot is written synchronously by the server; it is complete once its size holds.
      let size = -1;
      let file = '';
      await waitFor(
        () => {
          file = fs.readdirSync(snapshotDir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f)) ?? '';
          if (!file) return false;
          const now = fs.statSync(path.join(snapshotDir, file)).size;
          const stable = now > 0 && now === size;
          size = now;
          return stable;
        },
        60_000,
        'heap snapshot',
      );
      console.log(`heap snapshot of ${label}: ${path.relative(repoRoot, path.join(snapshotDir, file))} (${mb(size)} MB)`);
    }
    return { label, rss, report };
  } finally {
    await server.stop();
  }
}

function row(r: Row): string[] {
  const m = r.report;
  if (!m) return [r.label, mb(r.rss), '–', '–', '–', '–', '–', '–'];
  const native = m.rss - m.heapTotal - m.external;
  return [r.label, mb(r.rss), mb(m.heapUsed), mb(m.heapTotal), mb(m.code.codeAndMetadata), mb(m.code.bytecodeAndMetadata), mb(m.external), mb(native)];
}

export async function memoryBenchmark(opts: Pick<BenchOptions, 'quick'> & { heapSnapshot?: boolean }): Promise<BenchmarkResult> {
  console.log(heading('memory — idle RSS and where it goes'));
  const snapshotDir = opts.heapSnapshot ? path.join(repoRoot, 'bench', 'results') : null;
  if (snapshotDir) fs.mkdirSync(snapshotDir, { recursive: true });
  const rows: Row[] = [];
  rows.push(await measure('kijkruimte', 'ours', 'deployed', snapshotDir));
  rows.push(await measure('kijkruimte (no demo)', 'ours', 'deployed', null, { KIJKRUIMTE_DEMO: '0' }));
  if (!opts.quick) rows.push(await measure('kijkruimte (tsx)', 'ours', 'tsx', null));
  rows.push(await measure('reference', 'ref', 'deployed', null));
  rows.push(await measure('hocuspocus', 'hocus', 'deployed', null));
  if (baselineRoot) rows.push(await measure('baseline', 'base', 'deployed', null));

  console.log(`idle ${IDLE_MS / 1000} s after start-up; MB. native = RSS − V8 heap − external (node itself, addons, allocator)`);
  console.log(table(['server', 'RSS', 'heap used', 'heap total', 'code', 'bytecode', 'external', 'native'], rows.map(row)));
  const ours = rows[0]!;
  const ref = rows.find((r) => r.label === 'reference')!;
  const spaces = ours.report?.spaces ?? {};
  console.log(`\nkijkruimte heap spaces (used MB): ${Object.entries(spaces).map(([k, v]) => `${k} ${mb(v)}`).join(', ')}`);
  console.log(`ours/reference idle RSS: ${ratio(ours.rss, ref.rss)}`);
  const checks: Check[] = [
    {
      id: 'P1',
      what: 'idle RSS, compiled server vs reference',
      value: `${mb(ours.rss)} MB vs ${mb(ref.rss)} MB`,
      target: '≤ reference',
      pass: Number.isFinite(ours.rss) && Number.isFinite(ref.rss) ? ours.rss <= ref.rss : null,
    },
  ];
  return { name: 'memory', checks, notes: [] };
}

// Standalone: `npm run bench:memory [-- --quick] [-- --heapsnapshot]`.
if (import.meta.filename === process.argv[1]) {
  const args = process.argv.slice(2);
  try {
    await memoryBenchmark({ quick: args.includes('--quick'), heapSnapshot: args.includes('--heapsnapshot') });
  } finally {
    await endAll();
  }
}
