/**
 * One run of edit-latency's load generators against one server: forks them, starts their
 * schedules together, and samples the server's RSS and CPU (and the machine's other load).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { isLoadMessage, type LoadConfig, type LoadResult, type StartMessage } from './load-protocol.ts';
import { procCpuMs, systemBusyMs } from './proc.ts';
import { repoRoot, track, type ServerProc } from './servers.ts';
import { summarise, type Summary } from './stats.ts';

/** What one run of the load generator(s) measured, merged over shards. */
export interface Load {
  latency: Summary;
  sendLag: Summary;
  sent: number;
  expected: number;
  delivered: number;
  /** Highest event-loop utilisation among the generators. */
  elu: number;
  connectMs: number;
  disconnects: number;
}

export interface LoadRun {
  load: Load;
  rssMax: number;
  cpu: number;
  otherCpu: number;
}

function merge(results: LoadResult[]): Load {
  const concat = (parts: Float64Array[]): Float64Array => {
    const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const sum = (f: (r: LoadResult) => number): number => results.reduce((n, r) => n + f(r), 0);
  return {
    latency: summarise(concat(results.map((r) => r.latencies))),
    sendLag: summarise(concat(results.map((r) => r.lags))),
    sent: sum((r) => r.sent),
    expected: sum((r) => r.expected),
    delivered: sum((r) => r.delivered),
    elu: Math.max(...results.map((r) => r.elu)),
    connectMs: Math.max(...results.map((r) => r.connectMs)),
    disconnects: sum((r) => r.disconnects),
  };
}

/**
 * Forks `shards` load generators, starts their schedules together once all are connected, and
 * samples the server's RSS and CPU (and the machine's other load) over the measurement window.
 */
export function runLoad(server: ServerProc, base: Omit<LoadConfig, 'shard'>, timeoutMs: number): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    const children: ChildProcess[] = [];
    for (let shard = 0; shard < base.shards; shard++) {
      const cfg: LoadConfig = { ...base, shard };
      children.push(
        track(
          fork(path.join(repoRoot, 'bench', 'loadgen.ts'), [JSON.stringify(cfg)], {
            cwd: repoRoot,
            execArgv: ['--import', 'tsx'],
            serialization: 'advanced',
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          }),
        ),
      );
    }
    const results: LoadResult[] = [];
    let connected = 0;
    let rssMax = 0;
    let sampler: NodeJS.Timeout | null = null;
    let cpuFrom = 0;
    let wallFrom = 0;
    let cpu = Number.NaN;
    let otherCpu = Number.NaN;
    // Everything else on the machine (other sessions, CI, …) = all busy CPU minus the server,
    // the load generators and this process.
    let ownFrom = 0;
    let busyFrom = 0;
    // Last CPU reading per generator, kept in case one has exited by the time we read.
    const genCpu = new Map<ChildProcess, number>();
    const ownCpu = (): number => {
      const self = process.cpuUsage();
      let gens = 0;
      for (const c of children) {
        const now = procCpuMs(c.pid ?? -1);
        if (Number.isFinite(now)) genCpu.set(c, now);
        gens += genCpu.get(c) ?? 0;
      }
      return server.cpuMs() + gens + (self.user + self.system) / 1000;
    };
    let ended = 0;
    let settled = false;
    const sample = (): void => {
      const rss = server.rss();
      if (Number.isFinite(rss)) rssMax = Math.max(rssMax, rss);
    };
    const finish = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      if (err) {
        for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
        reject(err);
      } else {
        resolve({ load: merge(results), rssMax, cpu, otherCpu });
      }
    };
    const timer = setTimeout(() => finish(new Error(`load generator timed out after ${timeoutMs} ms`)), timeoutMs);
    children.forEach((child, shard) => {
      child.on('message', (msg: unknown) => {
        if (!isLoadMessage(msg)) return;
        if (msg.type === 'phase' && msg.phase === 'connected') {
          if (++connected === children.length) for (const c of children) c.send({ type: 'start' } satisfies StartMessage);
        } else if (msg.type === 'phase' && msg.phase === 'measure-start' && shard === 0) {
          cpuFrom = server.cpuMs();
          wallFrom = performance.now();
          ownFrom = ownCpu();
          busyFrom = systemBusyMs();
          sample();
          sampler = setInterval(sample, 250);
        } else if (msg.type === 'phase' && msg.phase === 'measure-end' && ++ended < children.length) {
          ownCpu(); // refresh the cached readings while every generator is still alive
        } else if (msg.type === 'phase' && msg.phase === 'measure-end') {
          sample();
          if (sampler) clearInterval(sampler);
          sampler = null;
          const wall = performance.now() - wallFrom;
          cpu = (server.cpuMs() - cpuFrom) / wall;
          otherCpu = Math.max(0, systemBusyMs() - busyFrom - (ownCpu() - ownFrom)) / wall;
        } else if (msg.type === 'result') {
          results.push(msg.result);
          if (results.length === children.length) finish(null);
        } else if (msg.type === 'error') {
          finish(new Error(`load generator ${shard} failed: ${msg.message}`));
        }
      });
      child.on('exit', (code) => {
        if (!settled && results.length < children.length && code !== 0) {
          finish(new Error(`load generator ${shard} exited with ${code} before reporting`));
        }
      });
    });
  });
}

