import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, onExit } from './ports.ts';

/** A Redis server of the test's own: temporary folder, free port, stopped and deleted on close. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGKILL: clients see their connections cut) and starts it again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
  /** The server's process id, or null when it is not running. */
  pid(): number | null;
}

/** The redis-server binary: on PATH, else Debian's `/usr/bin/redis-server`. */
export function findRedisServer(): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'redis-server'))) return path.join(dir, 'redis-server');
  }
  return fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null;
}

/** Sends PING until the server answers PONG (it is then accepting commands). */
async function waitForPong(port: number, proc: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`redis-server exited: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let reply = '';
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.on('data', (d: Buffer) => {
        reply += d.toString();
        if (reply.includes('\r\n')) {
          socket.destroy();
          resolve(reply.startsWith('+PONG'));
        }
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    // Not up yet: the next attempt waits on the event loop's timers, not a fixed sleep in a test.
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`redis-server did not answer PING: ${log()}`);
}

/**
 * Starts a throw-away `redis-server` as a child process: 127.0.0.1 only, a free port, no
 * persistence (`--save '' --appendonly no`), its working folder in a temp directory. Never the
 * system service. `restart()` kills it and starts a new one on the same port.
 */
export async function startRedis(): Promise<TestRedis> {
  const bin = findRedisServer();
  if (!bin) throw new Error('redis-server not found (PATH or /usr/bin); .ci/run installs it');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kijkruimte-redis-'));
  let port = await freePort();
  let proc: ChildProcess | null = null;
  let output = '';

  const launch = async (): Promise<void> => {
    output = '';
    const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    proc = child;
    await waitForPong(port, child, () => output);
  };

  const stop = async (): Promise<void> => {
    const child = proc;
    proc = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };

  for (let attempt = 0; ; attempt++) {
    try {
      await launch();
      break;
    } catch (err) {
      await stop();
      // Another process may have taken the port between freePort() and the start.
      if (attempt >= 2) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw err;
      }
      port = await freePort();
    }
  }
  // A test run that ends without close() still stops its server.
  const stopOnExit = (): void => {
    const child = proc as ChildProcess | null;
    child?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const forget = onExit(stopOnExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: () => (proc as ChildProcess | null)?.pid ?? null,
    async restart() {
      await stop();
      await launch();
    },
    async close() {
      forget();
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
