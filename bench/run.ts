/**
 * `npm run bench [-- options] [benchmark …]`: runs the benchmarks in sequence and prints a
 * summary with PASS/MISS against the targets in bench/README.md. Informational only: the exit
 * code is non-zero only when a benchmark crashes, never because a target is missed.
 *
 *   --quick              short smoke version (fewer rounds, shorter windows, P2 skipped)
 *   --rounds N           rounds per server for side-by-side benchmarks (default 3, quick 1)
 *   --seconds S          measurement window of edit-latency, seconds (default 10, quick 3)
 *   --retries N          reruns of an edit-latency run disturbed by other processes (default 1, quick 0)
 *   --runtime R          deployed (default): ours compiled by scripts/build-server.mjs under plain
 *                        node, as `npm start` runs it, the peers bundled under plain node; tsx: all
 *                        under tsx; node: all bundled into one file with esbuild, plain node
 *   --scenario a,b       edit-latency scenarios: p1, p2, fanout, rooms100, p2half, fanouthalf, fanout10k, pg1, pg1half
 *   benchmark …          edit-latency, memory, doc-load, write-check, commit-cost, media, playback-sync,
 *                        large-cycle, transcript (default: all)
 */
import { commitCost } from './commit-cost.ts';
import { docLoad } from './doc-load.ts';
import { largeCycle } from './large-cycle.ts';
import { mediaBenchmark } from './media-run.ts';
import { memoryBenchmark } from './memory.ts';
import { runPlaybackSync } from './playback-sync.ts';
import { editLatency, scenarioIds } from './edit-latency.ts';
import { transcriptBenchmark } from './transcript.ts';
import { writeCheckBenchmark } from './write-check.ts';
import { verdict, type BenchOptions, type BenchmarkResult, type Runtime } from './lib/report.ts';
import { endAll } from './lib/servers.ts';
import { heading, table } from './lib/stats.ts';

const benchmarks: Record<string, (opts: BenchOptions) => Promise<BenchmarkResult>> = {
  'edit-latency': editLatency,
  memory: (opts) => memoryBenchmark({ quick: opts.quick }),
  'doc-load': docLoad,
  'write-check': () => writeCheckBenchmark(),
  'commit-cost': commitCost,
  media: mediaBenchmark,
  'playback-sync': (opts) => runPlaybackSync({ quick: opts.quick }),
  'large-cycle': largeCycle,
  transcript: transcriptBenchmark,
};

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(
    'usage: npm run bench -- [--quick] [--rounds N] [--seconds S] [--retries N] [--runtime deployed|tsx|node] [--scenario p1,p2,fanout,rooms100,p2half,fanouthalf,fanout10k,pg1,pg1half] [' +
      Object.keys(benchmarks).join('|') +
      ' …]',
  );
  process.exit(2);
}

function parseArgs(argv: string[]): { opts: BenchOptions; names: string[] } {
  const opts: BenchOptions = { quick: false, rounds: 0, runtime: 'deployed', scenarios: [], seconds: 0, retries: -1 };
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--quick':
        opts.quick = true;
        break;
      case '--rounds':
        opts.rounds = Number.parseInt(value(), 10);
        if (!(opts.rounds > 0)) usage('--rounds must be a positive integer');
        break;
      case '--retries':
        opts.retries = Number.parseInt(value(), 10);
        if (!(opts.retries >= 0)) usage('--retries must be 0 or more');
        break;
      case '--seconds':
        opts.seconds = Number(value());
        if (!(opts.seconds > 0)) usage('--seconds must be positive');
        break;
      case '--runtime': {
        const v = value();
        if (v !== 'deployed' && v !== 'tsx' && v !== 'node') usage('--runtime is deployed, tsx or node');
        opts.runtime = v satisfies Runtime;
        break;
      }
      case '--scenario':
        opts.scenarios = value()
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean);
        for (const s of opts.scenarios) if (!scenarioIds.includes(s)) usage(`unknown scenario ${s}`);
        break;
      case '--help':
      case '-h':
        usage();
        break;
      default:
        if (flag.startsWith('-')) usage(`unknown option ${flag}`);
        if (!(flag in benchmarks)) usage(`unknown benchmark ${flag}`);
        names.push(flag);
    }
  }
  return { opts, names: names.length > 0 ? names : Object.keys(benchmarks) };
}

// Interrupted: end the servers and load generators this run started, then stop.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping benchmark child processes…`);
    void endAll().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const { opts, names } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  console.log(`Kijkruimte benchmarks${opts.quick ? ' (quick)' : ''}: ${names.join(', ')}`);
  console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString()}`);

  const results: BenchmarkResult[] = [];
  let crashed = false;
  for (const name of names) {
    try {
      results.push(await benchmarks[name]!(opts));
    } catch (err) {
      crashed = true;
      console.error(`\n${name} crashed:`, err);
      results.push({ name, checks: [], notes: [`crashed: ${err instanceof Error ? err.message : String(err)}`] });
    }
  }

  console.log(heading('summary (informational: targets from bench/README.md)'));
  const rows = results.flatMap((r) =>
    r.checks.map((c) => [
      r.name,
      c.id,
      c.what,
      c.value,
      c.target,
      verdict(c.pass),
      c.goal === undefined ? '' : `goal ${verdict(c.goal)}`,
    ]),
  );
  if (rows.length > 0) console.log(table(['benchmark', 'id', 'what', 'value', 'target', 'result', ''], rows));
  const notes = results.flatMap((r) => r.notes.map((n) => `${r.name}: ${n}`));
  if (notes.length > 0) console.log(`\nnotes:\n${notes.map((n) => `  - ${n}`).join('\n')}`);
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = crashed ? 1 : 0;
}

await main();
