/**
 * Server child processes for side-by-side benchmarks: ours (`server/index.ts`) and the reference
 * (`bench/ref-server.ts`, y-websocket@2's `setupWSConnection`). Each runs in its own process so its
 * memory (VmRSS from /proc) and CPU time are its own. Only ever bound to 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { procCpuMs, procStatusKb } from './proc.ts';
import type { Runtime } from './report.ts';

/** `base`: Kijkruimte from another checkout (`KIJKRUIMTE_BENCH_BASELINE`), e.g. the commit before a
 * change, so a change's cost is measured side by side in one run. `hocus`: Hocuspocus
 * (`bench/hocuspocus-server.ts`), a second peer beside the reference. */
export type ServerKind = 'ours' | 'ref' | 'base' | 'hocus';

/** The baseline checkout (with its own node_modules), or null when not configured. */
export const baselineRoot: string | null = process.env.KIJKRUIMTE_BENCH_BASELINE ? path.resolve(process.env.KIJKRUIMTE_BENCH_BASELINE) : null;
const isKijkruimte = (kind: ServerKind): boolean => kind === 'ours' || kind === 'base';
const peerEntry: Record<'ref' | 'hocus', string> = { ref: 'bench/ref-server.ts', hocus: 'bench/hocuspocus-server.ts' };
const entryOf = (kind: ServerKind): string => (kind === 'ref' || kind === 'hocus' ? peerEntry[kind] : 'server/index.ts');
const rootOf = (kind: ServerKind): string => (kind === 'base' ? (baselineRoot ?? '') : repoRoot);

/** Every child process the benchmarks start, so an interrupted run can end them (by pid). */
const liveChildren = new Set<ChildProcess>();
/** Temporary directories to remove if the run is interrupted. */
const liveDirs = new Set<string>();

export function track<T extends ChildProcess>(child: T): T {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return child;
}

export function trackDir(dir: string): string {
  liveDirs.add(dir);
  return dir;
}

export function untrackDir(dir: string): void {
  liveDirs.delete(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Ends every child still running (SIGTERM, then SIGKILL after 2 s) and removes temp dirs. */
export async function endAll(): Promise<void> {
  const children = Array.from(liveChildren);
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  const deadline = Date.now() + 2_000;
  while (Array.from(liveChildren).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const c of liveChildren) c.kill('SIGKILL');
  for (const dir of liveDirs) fs.rmSync(dir, { recursive: true, force: true });
  liveDirs.clear();
}

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const buildDir = path.join(repoRoot, 'bench', 'results', '.build');

/** What a client needs to open documents: a session cookie, and documents that session may open. */
export interface Access {
  /** Extra handshake headers (the session cookie for ours; sent to the reference too, unused). */
  headers: Record<string, string>;
  /** Provides `n` distinct document names the session may open (creating cycles as needed). */
  rooms(n: number): Promise<string[]>;
}

export interface ServerProc {
  kind: ServerKind;
  pid: number;
  access: Access;
  /** Ours: its fresh data directory (removed by stop()); peers: null. */
  dataDir: string | null;
  /** Base URL for WebsocketProvider: `ws://127.0.0.1:<port>/collab` (the room is appended). */
  wsBase: string;
  /** Resident set size now, bytes (VmRSS). */
  rss(): number;
  /** Peak resident set size so far, bytes (VmHWM). */
  peakRss(): number;
  /** User + system CPU time consumed so far, ms. */
  cpuMs(): number;
  /** Log lines at warn level or above (ours) / stderr lines, after start-up. */
  warnings: number;
  /** The first few of them. */
  warningLines: string[];
  /** Last few lines of output, for diagnostics. */
  tail: string[];
  stop(): Promise<void>;
}

/**
 * For plain-node runs: bundles a server (dependencies left external) so it runs without the tsx
 * loader, as a production build would. `import.meta.dirname`/`url` keep pointing at the source
 * file's own directory, so assets next to the sources are still found. Built once per bench run
 * into bench/results/.build (ignored by git). esbuild is the one tsx itself uses.
 */
const bundled = new Map<ServerKind, Promise<string>>();
function bundle(kind: ServerKind): Promise<string> {
  let built = bundled.get(kind);
  if (!built) {
    built = (async () => {
      const esbuild = await import('esbuild');
      const entry = path.join(rootOf(kind), entryOf(kind));
      const outfile = path.join(buildDir, `${kind}-server.mjs`);
      const keepImportMeta: import('esbuild').Plugin = {
        name: 'keep-import-meta',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, (args) => {
            const source = fs.readFileSync(args.path, 'utf8');
            const contents = source
              .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
              .replaceAll('import.meta.filename', JSON.stringify(args.path))
              .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
            return { contents, loader: 'ts' };
          });
        },
      };
      await esbuild.build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        logLevel: 'warning',
        plugins: [keepImportMeta],
      });
      return outfile;
    })();
    bundled.set(kind, built);
  }
  return built;
}

/**
 * Ours as `npm start` runs it: compiled by the project's own build script (scripts/build-server.mjs)
 * into bench/results/.build/<kind>-dist, run by plain node with source maps. A baseline checkout
 * from before that script existed ran under tsx, so it is run that way.
 */
interface Command {
  args: string[];
  /** Environment the checkout's start gives its server (`serverEnv`), under the bench's own. */
  env: Record<string, string>;
}

const compiled = new Map<ServerKind, Promise<Command>>();
function compiledCommand(kind: ServerKind): Promise<Command> {
  let built = compiled.get(kind);
  if (!built) {
    built = (async () => {
      const script = path.join(rootOf(kind), 'scripts', 'build-server.mjs');
      if (!fs.existsSync(script)) return { args: ['--import', 'tsx', 'server/index.ts'], env: {} };
      const built = (await import(pathToFileURL(script).href)) as {
        buildServer: (outdir: string) => Promise<string>;
        serverNodeFlags?: string[];
        serverEnv?: Record<string, string>;
      };
      // The checkout's own flags and environment, as its `npm start` passes them (older checkouts: source maps only).
      const entry = await built.buildServer(path.join(buildDir, `${kind}-dist`));
      return { args: [...(built.serverNodeFlags ?? ['--enable-source-maps']), entry], env: built.serverEnv ?? {} };
    })();
    compiled.set(kind, built);
  }
  return built;
}

/** How each server runs: `tsx` both under `node --import tsx`; `node` both bundled into one file,
 * plain node; `deployed` each as shipped (ours compiled as `npm start` runs it; the reference, a
 * plain JS server, bundled under plain node). */
async function commandFor(kind: ServerKind, runtime: Runtime): Promise<Command> {
  if (runtime === 'deployed' && isKijkruimte(kind)) return compiledCommand(kind);
  if (runtime !== 'tsx') return { args: [await bundle(kind)], env: {} };
  return { args: ['--import', 'tsx', entryOf(kind)], env: {} };
}

export interface StartOptions {
  timeoutMs?: number;
  /** Extra environment for the server (e.g. KIJKRUIMTE_MEMORY_REPORT). */
  env?: Record<string, string>;
  /** Extra node flags (e.g. --heapsnapshot-signal). */
  nodeArgs?: string[];
  /** Skip the demo login (ours started without the demo workspace); `access` then has no rooms. */
  noLogin?: boolean;
  /** Every output line after start-up, as it arrives. */
  onLine?: (line: string) => void;
}

export async function startServer(kind: ServerKind, runtime: Runtime, opts: StartOptions = {}): Promise<ServerProc> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  if (kind === 'base' && !baselineRoot) throw new Error('KIJKRUIMTE_BENCH_BASELINE is not set');
  const dataDir = isKijkruimte(kind) ? trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'kijkruimte-bench-'))) : null;
  const command = await commandFor(kind, runtime);
  const env: NodeJS.ProcessEnv = {
    ...command.env,
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    KIJKRUIMTE_LOG_LEVEL: 'warn',
    // The demo workspace gives us accounts and a cycle to open documents in.
    KIJKRUIMTE_DEMO: '1',
    // The load generators open thousands of sockets as one demo user and session; the limits
    // for a real person (README, configuration) would refuse them.
    KIJKRUIMTE_MAX_SOCKETS_PER_SESSION: '1000000',
    KIJKRUIMTE_MAX_SOCKETS_PER_USER: '1000000',
    ...(dataDir ? { KIJKRUIMTE_DATA_DIR: dataDir } : {}),
    ...opts.env,
  };
  const child: ChildProcess = track(
    // KIJKRUIMTE_BENCH_NODE_ARGS: extra node flags for the servers, e.g. `--cpu-prof --cpu-prof-dir=DIR`.
    spawn(process.execPath, [...(process.env.KIJKRUIMTE_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(opts.nodeArgs ?? []), ...command.args], {
      cwd: rootOf(kind),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${kind} server`);

  const tail: string[] = [];
  let warnings = 0;
  const warningLines: string[] = [];
  let up = false;
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });

  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not listen within ${timeoutMs} ms:\n${tail.join('\n')}`)), timeoutMs);
    const onLine = (line: string, stream: 'out' | 'err'): void => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      if (up) opts.onLine?.(line);
      const m = /^(?:KIJKRUIMTE|REF|HOCUS)_LISTENING (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        up = true;
        resolve(m[1]!);
        return;
      }
      // Start-up chatter (deprecation warnings, banners) is not a runtime problem.
      if (!up) return;
      if (stream === 'err' || /"level":(?:[4-6]0)/.test(line)) {
        warnings++;
        if (warningLines.length < 5) warningLines.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
      }
    };
    lineReader(child.stdout, (l) => onLine(l, 'out'));
    lineReader(child.stderr, (l) => onLine(l, 'err'));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited early (${code ?? signal}):\n${tail.join('\n')}`));
    });
  });

  let httpUrl: string;
  try {
    httpUrl = await listening;
  } catch (err) {
    if (!exited) child.kill('SIGKILL');
    if (dataDir) untrackDir(dataDir);
    throw err;
  }

  let access: Access;
  try {
    access = isKijkruimte(kind) && !opts.noLogin ? await loginDemo(httpUrl) : referenceAccess(kind);
  } catch (err) {
    if (!exited) child.kill('SIGKILL');
    if (dataDir) untrackDir(dataDir);
    throw err;
  }

  const proc: ServerProc = {
    kind,
    pid,
    access,
    dataDir,
    wsBase: `${httpUrl.replace(/^http/, 'ws')}/collab`,
    rss: () => procStatusKb(pid, 'VmRSS') * 1024,
    peakRss: () => procStatusKb(pid, 'VmHWM') * 1024,
    cpuMs: () => procCpuMs(pid),
    get warnings() {
      return warnings;
    },
    warningLines,
    tail,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const killed = await Promise.race([
          exitPromise.then(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(true), 5_000).unref()),
        ]);
        if (killed && !exited) {
          child.kill('SIGKILL');
          await exitPromise;
        }
      }
      if (dataDir) untrackDir(dataDir);
    },
  };
  return proc;
}

function lineReader(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  });
}

/**
 * Logs in as a demo researcher over real HTTP (as a browser would). Each benchmark room is the
 * shared document `cycle:<id>` of a cycle this researcher owns or is a member of, so every socket
 * goes through the real session-cookie authorisation; cycles are created over HTTP as needed.
 */
async function loginDemo(httpUrl: string): Promise<Access> {
  const res = await fetch(`${httpUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'onderzoeker1@kijkruimte.example', password: 'demo-wachtwoord' }),
  });
  if (res.status !== 200) throw new Error(`demo login failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.includes('kijkruimte'));
  if (!setCookie) throw new Error('demo login: no session cookie');
  const cookie = setCookie.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };

  const list = await fetch(`${httpUrl}/api/cycles`, { headers: { cookie } });
  if (list.status !== 200) throw new Error(`listing cycles failed: ${list.status}`);
  const cycles = ((await list.json()) as { cycles?: { id: string }[] }).cycles?.map((c) => c.id) ?? [];
  const create = async (i: number): Promise<string> => {
    const r = await fetch(`${httpUrl}/api/cycles`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Benchmark ${i}`, counterpart: 'bench' }),
    });
    if (r.status !== 201) throw new Error(`creating a cycle failed: ${r.status} ${await r.text()}`);
    return ((await r.json()) as { cycle: { id: string } }).cycle.id;
  };
  return {
    headers: { cookie },
    async rooms(n) {
      while (cycles.length < n) {
        const batch = Array.from({ length: Math.min(8, n - cycles.length) }, (_, i) => create(cycles.length + i));
        cycles.push(...(await Promise.all(batch)));
      }
      return cycles.slice(0, n).map((id) => `cycle:${id}`);
    },
  };
}

/** The peers need no session; they get names of the same shape and an unused cookie. */
function referenceAccess(kind: ServerKind): Access {
  return {
    headers: { cookie: `kijkruimte_sessie=unused-by-the-${kind}-server-0000000000` },
    rooms: (n) =>
      Promise.resolve(Array.from({ length: n }, (_, i) => `cycle:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)),
  };
}

/**
 * Disk noise probe, run between measurements: durable single-row SQLite commits (WAL,
 * synchronous=FULL, as our server's) for at most 100 commits or 1 s. Other work on the machine
 * that hits the disk is invisible in CPU figures but lands in our server's latency, since every
 * update is committed before it is relayed; the reference never touches the disk.
 */
export async function fsyncProbe(): Promise<{ p50: number; p99: number; max: number }> {
  const { default: Database } = await import('better-sqlite3');
  const dir = trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'kijkruimte-bench-fsync-')));
  const db = new Database(path.join(dir, 'probe.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO t (data) VALUES (?)');
    const row = Buffer.alloc(40);
    const times: number[] = [];
    const until = performance.now() + 1_000;
    while (times.length < 100 && performance.now() < until) {
      const t = performance.now();
      insert.run(row);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (p: number): number => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? Number.NaN;
    return { p50: at(50), p99: at(99), max: times[times.length - 1] ?? Number.NaN };
  } finally {
    db.close();
    untrackDir(dir);
  }
}
