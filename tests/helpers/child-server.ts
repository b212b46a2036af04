import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { testDatabaseUrl } from './test-database.ts';

export interface ChildServer {
  proc: ChildProcess;
  url: string;
  wsUrl: string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts `server/index.ts` as a real separate process (so it can be killed with SIGKILL). On the
 * PostgreSQL run, a process without its own `DATABASE_URL` gets its data folder's database (PGSUITE-1).
 */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const dataDir = env['KIJKRUIMTE_DATA_DIR'];
  const databaseUrl = env['DATABASE_URL'] === undefined && dataDir ? await testDatabaseUrl(dataDir) : null;
  return spawnServer(databaseUrl ? { ...env, DATABASE_URL: databaseUrl } : env);
}

function spawnServer(env: Record<string, string>): Promise<ChildServer> {
  const root = path.resolve(import.meta.dirname, '../..');
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', KIJKRUIMTE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      const m = /^KIJKRUIMTE_LISTENING (http:\/\/\S+)$/.exec(line);
      if (!m) return;
      const url = m[1]!;
      resolve({ proc, url, wsUrl: `${url.replace('http', 'ws')}/collab`, exited });
    });
    void exited.then((code) => reject(new Error(`server exited early (${code}): ${stderr}`)));
  });
}
