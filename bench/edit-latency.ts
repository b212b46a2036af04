/**
 * Edit-propagation latency, ours vs the reference y-websocket@2 server and Hocuspocus, side by side
 * in the same run (bench/README.md, P1 and P2). Each server runs in its own child process; the clients run in a
 * forked load generator (`bench/loadgen.ts`). Rounds alternate the order of the servers because
 * the machine is noisy; the summary is the median over rounds.
 */
import type { LoadConfig } from './lib/load-protocol.ts';
import { type BenchOptions, type BenchmarkResult, type Check } from './lib/report.ts';
import { runLoad, type Load, type LoadRun } from './lib/run-load.ts';
import { waitForQuiet } from './lib/proc.ts';
import { startCluster, type ClusterProc } from './lib/cluster.ts';
import { baselineRoot, fsyncProbe, startServer, type ServerKind, type ServerProc } from './lib/servers.ts';
import { heading, mb, median, ms, ratio, table } from './lib/stats.ts';

interface Scenario {
  id: string;
  /** Target id in bench/README.md (P1, P2). */
  target: string;
  label: string;
  rooms: number;
  clientsPerRoom: number;
  rate: number;
  /** Floor and goal for p99 (bench/README.md), ms. */
  p99Floor: number;
  p99Goal: number;
  /** Ours/reference p99 ratio: floor and goal (undefined = not a target here). */
  ratioFloor?: number;
  ratioGoal?: number;
  /** RSS must not exceed the reference's. */
  rssTarget: boolean;
  /** Load generator processes (rooms are split between them; all clients of a room share one). */
  generators: number;
  inQuick: boolean;
  inDefault: boolean;
  /** Ours and Hocuspocus as this many processes sharing PostgreSQL/Redis (bench/lib/cluster.ts);
   * the reference, which cannot fan out, runs as one process for comparison. */
  processes?: number;
  /** For a scenario over several processes: the one-process scenario at the same load whose p99
   * it is compared with (issue 14: ≤ 1.5×), when that ran earlier in the same run. */
  oneProcess?: string;
  /** The same comparison with one process of the scale-out deployment itself (PostgreSQL and
   * Redis, `processes: 1`): what the second process adds, apart from what PostgreSQL costs. */
  sameStorage?: string;
}

/** A comparison row: no latency or RSS target of its own. */
const noTargets = { p99Floor: Number.POSITIVE_INFINITY, p99Goal: Number.POSITIVE_INFINITY, rssTarget: false } as const;

const p2: Scenario = {
  id: 'p2',
  target: 'P2',
  label: '5 clients × 400 rooms (2,000 sockets), 2,000 edits/s',
  rooms: 400,
  clientsPerRoom: 5,
  rate: 2000,
  p99Floor: 20,
  p99Goal: 20,
  rssTarget: true,
  generators: 2,
  inQuick: false,
  inDefault: true,
};

const fanout: Scenario = {
  ...p2,
  ...noTargets,
  id: 'fanout',
  target: 'P8',
  label: '5 clients × 400 rooms (2,000 sockets) over 2 processes, 2,000 edits/s',
  processes: 2,
  oneProcess: 'p2',
  sameStorage: 'pg1',
};

/** One process of the scale-out deployment (PostgreSQL + Redis), P2's load: what `fanout` is
 * compared with besides P2 on SQLite. */
const pg1: Scenario = { ...fanout, id: 'pg1', target: '–', label: '5 clients × 400 rooms (2,000 sockets), one process on PostgreSQL + Redis, 2,000 edits/s', processes: 1, oneProcess: undefined, sameStorage: undefined, inDefault: false };

const scenarios: Scenario[] = [
  {
    id: 'p1',
    target: 'P1',
    label: '30 clients × 1 room, 200 edits/s',
    rooms: 1,
    clientsPerRoom: 30,
    rate: 200,
    p99Floor: 25,
    p99Goal: 10,
    ratioFloor: 1.0,
    ratioGoal: 0.75,
    rssTarget: false,
    generators: 1,
    inQuick: true,
    inDefault: true,
  },
  {
    id: 'rooms100',
    target: '–',
    label: '5 clients × 100 rooms, 1,500 edits/s',
    rooms: 100,
    clientsPerRoom: 5,
    rate: 1500,
    ...noTargets,
    generators: 2,
    inQuick: false,
    inDefault: false,
  },
  p2,
  pg1,
  fanout,
  // The same pair at half the rate, where the fan-out run does not saturate 2 cores (bench/README.md).
  { ...p2, id: 'p2half', target: '–', label: '5 clients × 400 rooms (2,000 sockets), 1,000 edits/s', rate: 1000, ...noTargets, inDefault: false },
  { ...pg1, id: 'pg1half', label: '5 clients × 400 rooms (2,000 sockets), one process on PostgreSQL + Redis, 1,000 edits/s', rate: 1000 },
  { ...fanout, id: 'fanouthalf', label: '5 clients × 400 rooms (2,000 sockets) over 2 processes, 1,000 edits/s', rate: 1000, inDefault: false, oneProcess: 'p2half', sameStorage: 'pg1half' },
  {
    ...fanout,
    id: 'fanout10k',
    label: '5 clients × 2,000 rooms (10,000 sockets) over 2 processes, 2,000 edits/s',
    rooms: 2000,
    inDefault: false,
    oneProcess: undefined,
    sameStorage: undefined,
  },
];

export const scenarioIds = scenarios.map((s) => s.id);

interface RunResult {
  kind: ServerKind;
  round: number;
  load: Load;
  rssIdle: number;
  /** Highest VmRSS sampled during the measurement window. */
  rssMax: number;
  /** Server CPU during measurement, as a fraction of one core. */
  cpu: number;
  /** CPU used by every other process on the machine during measurement (cores): noise. */
  otherCpu: number;
  warnings: number;
  warningLines: string[];
  /** Durable-commit latency of the disk measured just before the run (p99, ms): disk noise. */
  fsyncP99: number;
}

const runtimeLabel: Record<BenchOptions['runtime'], string> = {
  deployed: 'as shipped: ours compiled (scripts/build-server.mjs) under plain node as `npm start` runs it, peers bundled under plain node',
  tsx: 'all under `node --import tsx`',
  node: 'all bundled into one file with esbuild, plain node',
};

/** Busy CPU (cores) from other processes below which the machine counts as quiet before a run,
 * and above which a run counts as disturbed. */
const QUIET = 0.15;
const DISTURBED = 0.25;

const names: Record<ServerKind, string> = { ours: 'kijkruimte', ref: 'reference', hocus: 'hocuspocus', base: 'baseline' };

function sleep(msec: number): Promise<void> {
  return new Promise((r) => setTimeout(r, msec));
}

async function runOnce(kind: ServerKind, scenario: Scenario, round: number, opts: BenchOptions, timing: Timing): Promise<RunResult> {
  const cluster = scenario.processes !== undefined && (kind === 'ours' || kind === 'hocus');
  const server: ServerProc | ClusterProc = cluster ? await startCluster(kind, opts.runtime, scenario.processes!) : await startServer(kind, opts.runtime);
  try {
    await sleep(300);
    const rssIdle = server.rss();
    const cfg: Omit<LoadConfig, 'shard'> = {
      wsBase: server.wsBase,
      ...(cluster ? { wsBases: (server as ClusterProc).wsBases } : {}),
      protocol: kind === 'hocus' ? 'hocuspocus' : 'y-websocket',
      headers: server.access.headers,
      roomNames: await server.access.rooms(scenario.rooms),
      rooms: scenario.rooms,
      clientsPerRoom: scenario.clientsPerRoom,
      rate: scenario.rate,
      shards: scenario.generators,
      warmupMs: timing.warmupMs,
      measureMs: timing.measureMs,
      drainMs: 3_000,
      connectBatch: 100,
    };
    const timeoutMs = 120_000 + timing.warmupMs + timing.measureMs;
    let run: LoadRun;
    try {
      run = await runLoad(server, cfg, timeoutMs);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`${names[kind]} ${scenario.target} round ${round + 1}: ${why}\nlast server output:\n${server.tail.join('\n')}`);
    }
    const { load, rssMax, cpu, otherCpu } = run;
    return { kind, round, load, rssIdle, rssMax, cpu, otherCpu, warnings: server.warnings, warningLines: server.warningLines, fsyncP99: Number.NaN };
  } finally {
    await server.stop();
  }
}

interface Timing {
  warmupMs: number;
  measureMs: number;
}

function pct(n: number): string {
  return Number.isFinite(n) ? `${(n * 100).toFixed(0)}%` : '–';
}

function delivery(load: Load): string {
  return load.expected > 0 ? `${((load.delivered / load.expected) * 100).toFixed(2)}%` : '–';
}

function runRow(r: RunResult): string[] {
  const l = r.load;
  return [
    String(r.round + 1),
    names[r.kind],
    ms(l.latency.p50),
    ms(l.latency.p95),
    ms(l.latency.p99),
    ms(l.latency.max),
    String(l.latency.count),
    delivery(l),
    mb(r.rssIdle),
    mb(r.rssMax),
    pct(r.cpu),
    pct(l.elu),
    ms(l.sendLag.p99),
    pct(r.otherCpu),
    ms(r.fsyncP99),
  ];
}

interface Medians {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rss: number;
  rssIdle: number;
  cpu: number;
}

function medians(runs: RunResult[]): Medians {
  return {
    p50: median(runs.map((r) => r.load.latency.p50)),
    p95: median(runs.map((r) => r.load.latency.p95)),
    p99: median(runs.map((r) => r.load.latency.p99)),
    max: median(runs.map((r) => r.load.latency.max)),
    rss: median(runs.map((r) => r.rssMax)),
    rssIdle: median(runs.map((r) => r.rssIdle)),
    cpu: median(runs.map((r) => r.cpu)),
  };
}

function within(value: number, limit: number): boolean | null {
  if (!Number.isFinite(value)) return null;
  return value <= limit;
}

export async function editLatency(opts: BenchOptions): Promise<BenchmarkResult> {
  const selected = scenarios.filter((s) =>
    opts.scenarios.length > 0 ? opts.scenarios.includes(s.id) : opts.quick ? s.inQuick : s.inDefault,
  );
  const rounds = opts.rounds > 0 ? opts.rounds : opts.quick ? 1 : 3;
  const measureMs = opts.seconds > 0 ? opts.seconds * 1000 : opts.quick ? 3_000 : 10_000;
  const timing: Timing = { warmupMs: opts.quick ? 1_000 : 2_000, measureMs };
  const retries = opts.retries >= 0 ? opts.retries : opts.quick ? 0 : 1;
  const checks: Check[] = [];
  const notes: string[] = [];

  console.log(heading('edit-latency — edit propagation, ours vs reference y-websocket@2 and Hocuspocus'));
  console.log(
    `servers in child processes (${runtimeLabel[opts.runtime]}), ` +
      `clients: y-websocket WebsocketProviders (Hocuspocus: @hocuspocus/provider) in forked load generators; ${rounds} round(s), ` +
      `warm-up ${timing.warmupMs / 1000} s, measure ${timing.measureMs / 1000} s; latency in ms`,
  );

  /** Ours on one process per scenario id in this run: what a fan-out scenario is compared with. */
  const oneProcess = new Map<string, Medians>();
  for (const scenario of selected) {
    console.log(`\n▸ ${scenario.target} ${scenario.label} (${scenario.generators} load generator process${scenario.generators > 1 ? 'es' : ''})`);
    try {
      await runScenario(scenario);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      console.error(`  ${scenario.target} failed: ${why}`);
      notes.push(`${scenario.target} failed: ${why.split('\n')[0]}`);
      checks.push({ id: scenario.target, what: `${scenario.label}: failed`, value: '–', target: 'runs', pass: false });
    }
  }
  return { name: 'edit-latency', checks, notes };

  async function runScenario(scenario: Scenario): Promise<void> {
    const runs: RunResult[] = [];
    for (let round = 0; round < rounds; round++) {
      // With a baseline checkout, its server runs in the same rounds (the cost of a change).
      const kinds: ServerKind[] = scenario.processes !== undefined ? ['ours', 'ref', 'hocus'] : baselineRoot ? ['ours', 'ref', 'hocus', 'base'] : ['ours', 'ref', 'hocus'];
      // Rotate which server goes first, and alternate the direction, so that no server always
      // runs right after the same neighbour on a machine whose load drifts.
      const rotated = [...kinds.slice(round % kinds.length), ...kinds.slice(0, round % kinds.length)];
      const order: ServerKind[] = Math.floor(round / kinds.length) % 2 === 0 ? rotated : rotated.reverse();
      for (const kind of order) {
        // Start on a quiet machine if it becomes quiet soon enough; rerun a disturbed run and
        // keep the least disturbed attempt.
        let r: RunResult | null = null;
        for (let attempt = 0; attempt <= retries; attempt++) {
          const quiet = await waitForQuiet(QUIET, opts.quick ? 5_000 : 30_000);
          if (quiet.busy > QUIET) console.log(`  (machine busy: ${pct(quiet.busy)} of a core in use by others; measuring anyway)`);
          const probe = await fsyncProbe();
          const attemptResult = { ...(await runOnce(kind, scenario, round, opts, timing)), fsyncP99: probe.p99 };
          if (!r || !(attemptResult.otherCpu >= r.otherCpu)) r = attemptResult;
          if (!(r.otherCpu > DISTURBED)) break;
          if (attempt < retries) {
            console.log(`  round ${round + 1} ${names[kind].padEnd(10)} disturbed (other CPU ${pct(attemptResult.otherCpu)}, p99 ${ms(attemptResult.load.latency.p99)} ms): retrying`);
          }
        }
        if (!r) throw new Error('no run');
        runs.push(r);
        const l = r.load;
        console.log(
          `  round ${round + 1} ${names[kind].padEnd(10)} p50 ${ms(l.latency.p50)}  p99 ${ms(l.latency.p99)}  ` +
            `max ${ms(l.latency.max)} ms  delivered ${delivery(l)}  RSS ${mb(r.rssMax)} MB  ` +
            `other CPU ${pct(r.otherCpu)}  fsync p99 ${ms(r.fsyncP99)} ms  (connect ${(l.connectMs / 1000).toFixed(1)} s)`,
        );
        if (l.delivered < l.expected) notes.push(`${scenario.target} round ${round + 1} ${names[kind]}: ${l.expected - l.delivered} of ${l.expected} deliveries missing`);
        if (l.disconnects > 0) notes.push(`${scenario.target} round ${round + 1} ${names[kind]}: ${l.disconnects} provider disconnects during the run`);
        if (r.warnings > 0) notes.push(`${scenario.target} round ${round + 1} ${names[kind]}: ${r.warnings} warning/error log lines from the server, first: ${r.warningLines[0] ?? '?'}`);
        if (r.otherCpu > DISTURBED) notes.push(`${scenario.target} round ${round + 1} ${names[kind]}: other processes used ${pct(r.otherCpu)} of a core during measurement: figures disturbed`);
        if (l.elu > 0.9) notes.push(`${scenario.target} round ${round + 1} ${names[kind]}: load generator busy (ELU ${pct(l.elu)}): latency includes client-side queueing`);
      }
    }

    console.log('');
    console.log(
      table(
        ['round', 'server', 'p50', 'p95', 'p99', 'max', 'samples', 'delivered', 'RSS idle MB', 'RSS load MB', 'srv CPU', 'gen ELU', 'lag p99', 'other CPU', 'fsync p99'],
        runs.map(runRow),
      ),
    );

    // Server CPU per edit (all its relays included): less sensitive to a noisy machine than latency.
    const perEdit = (cpu: number): string => (Number.isFinite(cpu) ? ((cpu * 1e6) / scenario.rate).toFixed(0) : '–');
    const ours = medians(runs.filter((r) => r.kind === 'ours'));
    const ref = medians(runs.filter((r) => r.kind === 'ref'));
    const peers: [ServerKind, string][] = [['ref', 'ours/ref'], ['hocus', 'ours/hocus'], ...(baselineRoot ? [['base', 'ours/base'] as [ServerKind, string]] : [])];
    const row = (name: string, m: Medians): string[] => [name, ms(m.p50), ms(m.p95), ms(m.p99), ms(m.max), mb(m.rssIdle), mb(m.rss), pct(m.cpu), perEdit(m.cpu)];
    const ratioRow = (name: string, m: Medians): string[] => [
      name,
      ...(['p50', 'p95', 'p99', 'max', 'rssIdle', 'rss', 'cpu', 'cpu'] as const).map((k) => ratio(ours[k], m[k])),
    ];
    console.log(`\nmedian of ${rounds} round(s):`);
    console.log(
      table(
        ['server', 'p50', 'p95', 'p99', 'max', 'RSS idle MB', 'RSS load MB', 'srv CPU', 'CPU/edit µs'],
        [
          row(names.ours, ours),
          ...peers.flatMap(([kind, label]) => {
            const m = medians(runs.filter((r) => r.kind === kind));
            return [row(names[kind], m), ratioRow(label, m)];
          }),
        ],
      ),
    );

    const targetLines: string[] = [];
    if (Number.isFinite(scenario.p99Floor)) {
      const goal = scenario.p99Goal < scenario.p99Floor ? ` (goal ≤ ${scenario.p99Goal} ms)` : '';
      checks.push({
        id: scenario.target,
        what: `${scenario.label}: p99`,
        value: `${ms(ours.p99)} ms`,
        target: `≤ ${scenario.p99Floor} ms${goal}`,
        pass: within(ours.p99, scenario.p99Floor),
        ...(goal ? { goal: within(ours.p99, scenario.p99Goal) } : {}),
      });
      targetLines.push(`p99 ≤ ${scenario.p99Floor} ms${goal}`);
    }
    if (scenario.ratioFloor !== undefined) {
      const goal = scenario.ratioGoal !== undefined ? ` (goal ≤ ${scenario.ratioGoal}×)` : '';
      const r99 = ours.p99 / ref.p99;
      const r50 = ours.p50 / ref.p50;
      checks.push({
        id: scenario.target,
        what: `${scenario.label}: p99 ours/reference`,
        value: ratio(ours.p99, ref.p99),
        target: `≤ ${scenario.ratioFloor}×${goal}`,
        pass: within(r99, scenario.ratioFloor),
        ...(scenario.ratioGoal !== undefined ? { goal: within(r99, scenario.ratioGoal) } : {}),
      });
      checks.push({
        id: scenario.target,
        what: `${scenario.label}: p50 ours/reference`,
        value: ratio(ours.p50, ref.p50),
        target: `≤ ${scenario.ratioFloor}×${goal}`,
        pass: within(r50, scenario.ratioFloor),
        ...(scenario.ratioGoal !== undefined ? { goal: within(r50, scenario.ratioGoal) } : {}),
      });
      targetLines.push(`ours/reference ≤ ${scenario.ratioFloor}×${goal}`);
      // Hocuspocus is a second peer for comparison, not a target: its ratio goes into the notes.
      const hocus = medians(runs.filter((r) => r.kind === 'hocus'));
      notes.push(`${scenario.target} p99 ours/hocuspocus ${ratio(ours.p99, hocus.p99)}, p50 ${ratio(ours.p50, hocus.p50)} (informational)`);
    }
    if (scenario.rssTarget) {
      checks.push({
        id: scenario.target,
        what: `${scenario.label}: RSS under load (--runtime ${opts.runtime})`,
        value: `${mb(ours.rss)} MB vs ${mb(ref.rss)} MB`,
        target: '≤ reference',
        pass: Number.isFinite(ours.rss) && Number.isFinite(ref.rss) ? ours.rss <= ref.rss : null,
      });
      targetLines.push('RSS ≤ reference');
    }
    if (scenario.processes === undefined || scenario.processes === 1) oneProcess.set(scenario.id, ours);
    if (scenario.processes !== undefined && scenario.processes > 1) fanoutChecks(scenario, ours, medians(runs.filter((r) => r.kind === 'hocus')), targetLines);
    if (targetLines.length > 0) console.log(`targets (${scenario.target}): ${targetLines.join('; ')}`);
  }

  /** P8 (bench/README.md): p99 over N processes ≤ 1.5 × one process at the same load (P2 in this
   * run), and RSS per socket ≤ Hocuspocus's over the same number of processes. A socket's RSS is
   * what the sockets (with their rooms) add to the processes: RSS under load minus the same
   * processes' idle RSS, per 1,000 sockets. The processes' own idle RSS is P1's figure, not a
   * per-socket cost; the total per 1,000 sockets is printed beside it. */
  function fanoutChecks(scenario: Scenario, ours: Medians, hocus: Medians, targetLines: string[]): void {
    const sockets = scenario.rooms * scenario.clientsPerRoom;
    const perThousand = (rss: number): number => rss / (sockets / 1000);
    const added = (m: Medians): number => perThousand(m.rss - m.rssIdle);
    console.log(
      `RSS per 1,000 sockets (all app processes), added by the sockets (under load − idle): kijkruimte ${mb(added(ours))} MB, hocuspocus ${mb(added(hocus))} MB; ` +
        `total under load / 1,000 sockets: kijkruimte ${mb(perThousand(ours.rss))} MB, hocuspocus ${mb(perThousand(hocus.rss))} MB; ` +
        `CPU counts the app processes, Redis and (ours) PostgreSQL`,
    );
    checks.push({
      id: scenario.target,
      what: `${scenario.label}: RSS added per 1,000 sockets ours/hocuspocus`,
      value: `${ratio(added(ours), added(hocus))} (${mb(added(ours))} vs ${mb(added(hocus))} MB)`,
      target: '≤ 1×',
      pass: within(added(ours) / added(hocus), 1),
    });
    targetLines.push('RSS per socket ≤ Hocuspocus');
    for (const [id, how] of [
      [scenario.oneProcess, 'one process'],
      [scenario.sameStorage, 'one process on the same storage'],
    ] as const) {
      if (!id) continue;
      const single = oneProcess.get(id);
      if (!single) {
        // Only the P2 comparison is the target; the same-storage one is read when it was asked for.
        if (id === scenario.oneProcess) notes.push(`${scenario.target}: ${id} did not run before it in this run, so its p99 is not compared with one process`);
        continue;
      }
      checks.push({
        id: scenario.target,
        what: `${scenario.label}: p99 / ${how} (${id})`,
        value: `${ratio(ours.p99, single.p99)} (${ours.p99.toFixed(1)} vs ${single.p99.toFixed(1)} ms)`,
        target: '≤ 1.5×',
        pass: within(ours.p99 / single.p99, 1.5),
      });
      targetLines.push(`p99 ≤ 1.5 × ${how} (${id}, this run)`);
    }
  }
}
