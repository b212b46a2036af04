import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, onExit } from './ports.ts';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A PostgreSQL server of the test's own: temporary folder, free port, stopped and deleted on close. */
export interface TestPostgres {
  /** `postgres://…` of an empty database on it (`kijkruimte`). */
  readonly url: string;
  /** Creates another empty database on the same server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast: open connections are cut, as in a failover) and starts it again. */
  restart(): Promise<void>;
  close(): Promise<void>;
  /** The postmaster's process id (its backends are its children), or null when it is not running. */
  pid(): number | null;
}

/**
 * The PostgreSQL binaries: from PATH (`initdb` there), else Debian's `/usr/lib/postgresql/<n>/bin`
 * (the package puts only wrappers that need a system cluster on PATH). Null when not installed.
 */
export function findPostgresBin(): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  const debian = '/usr/lib/postgresql';
  if (!fs.existsSync(debian)) return null;
  const versions = fs
    .readdirSync(debian)
    .filter((v) => fs.existsSync(path.join(debian, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(debian, versions[0], 'bin') : null;
}

/**
 * PostgreSQL refuses to run as root. In a root container (CI) the server runs as the unprivileged
 * `postgres` account that Debian's package creates (else `nobody`), owning only the temp folder.
 */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.find((l) => l.startsWith(`${name}:`))?.split(':');
    if (fields?.[2] && fields[3]) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('running as root and no unprivileged account for PostgreSQL');
}

/**
 * Starts a throw-away PostgreSQL: `initdb` (trust authentication, TCP on 127.0.0.1 only, the unix
 * socket inside the temp folder) and `pg_ctl start` on a free port. Never touches the system
 * service or its data. Settings stay at PostgreSQL's defaults (fsync and `synchronous_commit` on),
 * so a commit the adapter awaited is as durable as in production.
 */
export async function startPostgres(opts: { maxConnections?: number } = {}): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL not found (initdb on PATH or /usr/lib/postgresql/*/bin); .ci/run installs it');
  const user = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kijkruimte-pg-'));
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const runOpts = { ...(user ?? {}), cwd: dir, env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' } };
  const pgCtl = path.join(bin, 'pg_ctl');
  // --no-sync: the cluster is thrown away; only initdb's own files skip fsync, not the server.
  await run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'], runOpts);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    // pg_ctl passes these through a shell: the folder is quoted.
    const serverOpts = `-p ${port} -c listen_addresses=127.0.0.1 -k '${dir}' -c max_connections=${opts.maxConnections ?? 50}`;
    try {
      await run(pgCtl, ['-D', data, '-l', path.join(dir, 'server.log'), '-o', serverOpts, '-w', '-t', '60', 'start'], runOpts);
      break;
    } catch (err) {
      // Another process may have taken the port between freePort() and the start.
      if (attempt >= 2) {
        const log = fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8') : '';
        fs.rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${String(err)}\n${log}`);
      }
    }
  }
  const base = `postgres://postgres@127.0.0.1:${port}`;
  const createDatabase = async (name: string): Promise<string> => {
    const admin = new pg.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } finally {
      await admin.end();
    }
    return `${base}/${name}`;
  };
  let url: string;
  try {
    url = await createDatabase('kijkruimte');
  } catch (err) {
    await run(pgCtl, ['-D', data, '-m', 'immediate', 'stop'], runOpts).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  // A test run that ends without close() (a crash, an interrupted run) still stops its server.
  const stopOnExit = (): void => {
    try {
      execFileSync(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], { ...runOpts, stdio: 'ignore' });
    } catch {
      /* already stopped */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const forget = onExit(stopOnExit);
  return {
    url,
    createDatabase,
    pid() {
      try {
        const first = fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n', 1)[0];
        const n = Number(first);
        return Number.isInteger(n) && n > 0 ? n : null;
      } catch {
        return null;
      }
    },
    async restart() {
      // pg_ctl restarts with the options of the last start (port, socket folder): same URL.
      await run(pgCtl, ['-D', data, '-l', path.join(dir, 'server.log'), '-m', 'fast', '-w', '-t', '60', 'restart'], runOpts);
    },
    async close() {
      forget();
      // Immediate: the data is thrown away, so there is nothing to checkpoint.
      await run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], runOpts).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
