/**
 * Several server processes behind one benchmark "server" (issue 14's fan-out scenario): ours as
 * N processes sharing one PostgreSQL (documents), one Redis (fan-out), one data folder (SQLite and
 * media), exactly as README "Deployment with several processes" describes; Hocuspocus as N
 * processes with its Redis extension on a Redis of its own. PostgreSQL and Redis are throw-away
 * instances (the test helpers'), started per run and stopped with it. The clients of each room are
 * spread over the processes, so every edit crosses between them.
 *
 * CPU counts everything the setup needs to serve the edits: the app processes plus Redis (and
 * PostgreSQL for ours, which commits every update durably there; Hocuspocus stores nothing).
 * RSS counts the app processes, where the sockets are.
 */
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { startRedis } from '../../tests/helpers/redis.ts';
import { procCpuMs, processTree } from './proc.ts';
import type { Runtime } from './report.ts';
import { startServer, type ServerProc } from './servers.ts';

export interface ClusterProc extends ServerProc {
  /** One WebSocket base per process. */
  wsBases: string[];
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

export async function startCluster(kind: 'ours' | 'hocus', runtime: Runtime, processes: number): Promise<ClusterProc> {
  const redis = await startRedis();
  const postgres = kind === 'ours' ? await startPostgres().catch(async (err: unknown) => {
    await redis.close();
    throw err;
  }) : null;
  const procs: ServerProc[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      const env: Record<string, string> =
        kind === 'ours'
          ? {
              DATABASE_URL: postgres!.url,
              REDIS_URL: redis.url,
              // One data folder (SQLite, media, master key) for all: the first process's.
              ...(procs[0]?.dataDir ? { KIJKRUIMTE_DATA_DIR: procs[0].dataDir } : {}),
            }
          : { HOCUS_REDIS_URL: redis.url };
      // One after the other: the first seeds the demo workspace the others then find.
      procs.push(await startServer(kind, runtime, { env }));
    }
  } catch (err) {
    for (const p of procs.reverse()) await p.stop();
    await redis.close();
    await postgres?.close();
    throw err;
  }
  const first = procs[0]!;
  const helperPids = (): number[] => [redis.pid(), postgres?.pid() ?? null].flatMap((pid) => (pid === null ? [] : processTree(pid)));
  // Last reading per process: a PostgreSQL backend that ended meanwhile keeps the CPU it used.
  const lastCpu = new Map<number, number>();
  const helperCpu = (): number => {
    for (const pid of helperPids()) {
      const ms = procCpuMs(pid);
      if (Number.isFinite(ms)) lastCpu.set(pid, ms);
    }
    return sum(Array.from(lastCpu.values()));
  };
  return {
    kind,
    pid: first.pid,
    access: first.access,
    dataDir: first.dataDir,
    wsBase: first.wsBase,
    wsBases: procs.map((p) => p.wsBase),
    rss: () => sum(procs.map((p) => p.rss())),
    peakRss: () => sum(procs.map((p) => p.peakRss())),
    cpuMs: () => sum(procs.map((p) => p.cpuMs())) + helperCpu(),
    get warnings() {
      return sum(procs.map((p) => p.warnings));
    },
    get warningLines() {
      return procs.flatMap((p) => p.warningLines).slice(0, 5);
    },
    get tail() {
      return procs.flatMap((p, i) => p.tail.map((l) => `[${i + 1}] ${l}`)).slice(-20);
    },
    async stop() {
      // The data folder belongs to the first process: it goes last.
      for (const p of procs.slice().reverse()) await p.stop();
      await redis.close();
      await postgres?.close();
    },
  };
}
