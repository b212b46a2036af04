/**
 * Soak test (`npm run soak -- [--minutes N] [--clients 200] [--rooms 50] [--seed S]`), not in CI:
 * a real server in a child process (`node --expose-gc --import tsx server/index.ts`, demo
 * workspace) and stock y-websocket clients logged in as the demo researcher, editing the
 * `evaluation` part of their cycles (a part a researcher may write, so every edit passes the
 * write check), with room churn (a client moves to another room) and reconnects, for N minutes
 * (default 30).
 *
 * The server prints a stats line every few seconds (KIJKRUIMTE_SOAK_STATS_MS, README): heap after
 * a full GC, loaded rooms, rooms with live connections, connections. RSS and open file descriptors
 * come from /proc/<pid>. The baseline is taken after a short warm-up round (one-time costs such as
 * compiled code and prepared statements belong to it) with every room unloaded again. After the
 * load the clients leave, the rooms unload, and the run fails (exit 1) unless the heap is back
 * within 10 % of the baseline.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WebsocketProvider } from 'y-websocket';
import { connectProvider, waitForSynced } from '../tests/helpers/providers.ts';
import { randomInt, seededRandom } from '../tests/helpers/random.ts';
import { endAll, repoRoot, track, trackDir, untrackDir } from './lib/servers.ts';
import { procStatusKb } from './lib/proc.ts';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number`);
  return v;
}
const minutes = option('minutes', 30);
const clientCount = option('clients', 200);
const roomCount = option('rooms', 50);
const seed = option('seed', 1);
const STATS_MS = 2_000;
const GRACE_MS = 2_000;
const TOLERANCE = 0.1;

interface Stats {
  t: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  rooms: number;
  liveRooms: number;
  connections: number;
  gc: boolean;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const fdCount = (pid: number): number => {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
};

async function startSoakServer(): Promise<{ pid: number; url: string; next(pred?: (s: Stats) => boolean, timeoutMs?: number): Promise<Stats>; stop(): Promise<void> }> {
  const dataDir = trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'kijkruimte-soak-')));
  const child = track(
    spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'server/index.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        KIJKRUIMTE_LOG_LEVEL: 'warn',
        KIJKRUIMTE_DEMO: '1',
        KIJKRUIMTE_DATA_DIR: dataDir,
        KIJKRUIMTE_ROOM_GRACE_MS: String(GRACE_MS),
        KIJKRUIMTE_SOAK_STATS_MS: String(STATS_MS),
        // 200 sockets of one demo session: far past a real person's limits (README, configuration).
        KIJKRUIMTE_MAX_SOCKETS_PER_SESSION: '100000',
        KIJKRUIMTE_MAX_SOCKETS_PER_USER: '100000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const waiters = new Set<(s: Stats) => void>();
  let listening: (url: string) => void;
  const url = new Promise<string>((resolve) => (listening = resolve));
  let buf = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const m = /^KIJKRUIMTE_LISTENING (\S+)/.exec(line);
      if (m) listening(m[1]!);
      if (line.startsWith('KIJKRUIMTE_STATS ')) {
        const s = JSON.parse(line.slice('KIJKRUIMTE_STATS '.length)) as Stats;
        for (const w of [...waiters]) w(s);
      }
    }
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited (${code})`))));
  exited.catch(() => undefined);
  return {
    pid: child.pid!,
    url: await Promise.race([url, exited]),
    next(pred = () => true, timeoutMs = 120_000) {
      return Promise.race([
        exited,
        new Promise<Stats>((resolve, reject) => {
          const timer = setTimeout(() => {
            waiters.delete(w);
            reject(new Error('no matching stats line in time'));
          }, timeoutMs);
          const w = (s: Stats): void => {
            if (!pred(s)) return;
            clearTimeout(timer);
            waiters.delete(w);
            resolve(s);
          };
          waiters.add(w);
        }),
      ]);
    },
    async stop() {
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await gone;
      untrackDir(dataDir);
    },
  };
}

/** Logs in as the demo researcher and creates `n` cycles (they own them, so they may write the evaluation). */
async function login(url: string, n: number): Promise<{ cookie: string; rooms: string[] }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'onderzoeker1@kijkruimte.example', password: 'demo-wachtwoord' }),
  });
  if (res.status !== 200) throw new Error(`demo login failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes('kijkruimte'))!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const rooms: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await fetch(`${url}/api/cycles`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Soak ${i}`, counterpart: 'soak' }),
    });
    if (r.status !== 201) throw new Error(`creating a cycle failed: ${r.status}`);
    rooms.push(`cycle:${((await r.json()) as { cycle: { id: string } }).cycle.id}`);
  }
  return { cookie, rooms };
}

async function main(): Promise<number> {
  const server = await startSoakServer();
  const wsBase = `${server.url.replace(/^http/, 'ws')}/collab`;
  const { cookie, rooms } = await login(server.url, roomCount);
  const rand = seededRandom(seed);
  const clients: (WebsocketProvider | null)[] = new Array<WebsocketProvider | null>(clientCount).fill(null);
  let edits = 0;
  let moves = 0;
  let reconnects = 0;

  const open = (i: number, room: string): WebsocketProvider => {
    const p = connectProvider(wsBase, room, { headers: { cookie } });
    clients[i] = p;
    return p;
  };
  const closeAll = (): void => {
    for (const [i, p] of clients.entries()) {
      p?.destroy();
      clients[i] = null;
    }
  };
  const edit = (p: WebsocketProvider, i: number): void => {
    if (!p.synced) return;
    p.doc.getMap('evaluation').set(`soak-${i % 8}`, `stand ${edits++} van client ${i}`);
  };
  const idle = (s: Stats) => s.rooms === 0 && s.connections === 0;

  // Warm-up: every client once, then everyone leaves and the rooms unload.
  await Promise.all(Array.from({ length: clientCount }, (_, i) => waitForSynced(open(i, rooms[i % roomCount]!))));
  clients.forEach((p, i) => p && edit(p, i));
  closeAll();
  await server.next(idle);
  await server.next(idle);
  const baseline = await server.next(idle);
  const sample = (phase: string, s: Stats): void =>
    console.log(
      `${phase.padEnd(8)} heap ${mb(s.heapUsed).padStart(6)} MB  rss ${mb(procStatusKb(server.pid, 'VmRSS') * 1024).padStart(6)} MB  ` +
        `fds ${String(fdCount(server.pid)).padStart(4)}  rooms ${String(s.rooms).padStart(3)} loaded / ${String(s.liveRooms).padStart(3)} live  conns ${s.connections}`,
    );
  console.log(`soak: ${clientCount} clients, ${roomCount} rooms, ${minutes} min, seed ${seed}; server pid ${server.pid}, gc after each sample: ${baseline.gc}`);
  sample('baseline', baseline);

  // Load: each client edits about once a second; churn every 2 s, a reconnect every 5 s.
  await Promise.all(Array.from({ length: clientCount }, (_, i) => waitForSynced(open(i, rooms[i % roomCount]!))));
  const until = Date.now() + minutes * 60_000;
  const timers = [
    setInterval(() => {
      const i = randomInt(rand, clientCount);
      const p = clients[i];
      if (p) edit(p, i);
    }, 1000 / clientCount),
    setInterval(() => {
      const i = randomInt(rand, clientCount);
      clients[i]?.destroy();
      open(i, rooms[randomInt(rand, roomCount)]!);
      moves++;
    }, 2_000),
    setInterval(() => {
      const p = clients[randomInt(rand, clientCount)];
      if (!p) return;
      p.disconnect();
      p.connect();
      reconnects++;
    }, 5_000),
  ];
  let peakHeap = 0;
  let peakRss = 0;
  let peakFds = 0;
  while (Date.now() < until) {
    const s = await server.next();
    peakHeap = Math.max(peakHeap, s.heapUsed);
    peakRss = Math.max(peakRss, procStatusKb(server.pid, 'VmRSS') * 1024);
    peakFds = Math.max(peakFds, fdCount(server.pid));
    sample('load', s);
  }
  for (const t of timers) clearInterval(t);
  closeAll();

  // After the load: everyone gone, every room unloaded (grace period), then three samples.
  await server.next(idle);
  const after: Stats[] = [];
  for (let k = 0; k < 3; k++) after.push(await server.next());
  for (const s of after) sample('after', s);
  const final = Math.min(...after.map((s) => s.heapUsed));
  const ratio = final / baseline.heapUsed;
  const ok = ratio <= 1 + TOLERANCE;
  console.log(
    `\n${edits} edits, ${moves} room moves, ${reconnects} reconnects. Peak during load: heap ${mb(peakHeap)} MB, rss ${mb(peakRss)} MB, ${peakFds} fds.\n` +
      `Heap after the load ${mb(final)} MB vs baseline ${mb(baseline.heapUsed)} MB (${((ratio - 1) * 100).toFixed(1)} %, limit +${TOLERANCE * 100} %): ${ok ? 'ok' : 'FAILED'}; ` +
      `fds ${fdCount(server.pid)} (baseline sample above).`,
  );
  await server.stop();
  return ok ? 0 : 1;
}

// y-websocket adds a process 'exit' listener per provider; 200 of them are expected here.
process.setMaxListeners(0);
process.on('SIGINT', () => void endAll().then(() => process.exit(130)));
main()
  .then((code) => process.exit(code))
  .catch(async (err: unknown) => {
    console.error(err);
    await endAll();
    process.exit(1);
  });
