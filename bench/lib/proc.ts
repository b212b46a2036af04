/** Readings from /proc (Linux): a process's memory and CPU time, and the machine's busy CPU. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

let clockTicks = 0;
function ticksPerSecond(): number {
  if (clockTicks === 0) {
    const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const n = Number.parseInt(out.stdout ?? '', 10);
    clockTicks = Number.isFinite(n) && n > 0 ? n : 100;
  }
  return clockTicks;
}

export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** utime + stime of a process in ms (Linux /proc/<pid>/stat fields 14 and 15). */
export function procCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / ticksPerSecond();
  } catch {
    return Number.NaN;
  }
}

/** CPU time of this process plus its reaped children (fields 14–17 of /proc/self/stat), ms. */
export function selfAndChildrenCpuMs(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    return (ticks * 1000) / ticksPerSecond();
  } catch {
    return Number.NaN;
  }
}

/** CPU time all processes on the machine have used so far (busy = all but idle and iowait), ms. */
export function systemBusyMs(): number {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return ((total - idle) * 1000) / ticksPerSecond();
  } catch {
    return Number.NaN;
  }
}

/**
 * Waits until the machine is quiet (busy CPU below `threshold` cores over a 1 s window), at most
 * `maxMs`. Other work on the machine (including processes in other containers, invisible to ps
 * but not to /proc/stat) otherwise lands in the figures. Returns the last measured busy level.
 */
export async function waitForQuiet(threshold: number, maxMs: number): Promise<{ busy: number; waitedMs: number }> {
  const start = performance.now();
  let busy = Number.NaN;
  for (;;) {
    const b0 = systemBusyMs();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 1000));
    busy = (systemBusyMs() - b0) / (performance.now() - t0);
    const waitedMs = performance.now() - start;
    if (!(busy > threshold) || waitedMs >= maxMs) return { busy, waitedMs };
  }
}

/** A process and all its descendants (by the parent ids in /proc), e.g. PostgreSQL's backends. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(pid);
      children.set(ppid, list);
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}
