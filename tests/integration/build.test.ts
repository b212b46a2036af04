import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/server.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
// Inside the checkout (.tmp is ignored by git), so the build's external packages resolve from
// node_modules exactly as they do for dist-server/.
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
const outdir = fs.mkdtempSync(path.join(root, '.tmp', 'server-build-'));
const entry = path.join(outdir, 'index.mjs');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(outdir, { recursive: true, force: true });
});

/** Resolves with the first stdout line matching `pattern`, or rejects when the process exits. */
function waitForLine(proc: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
      const m = pattern.exec(line);
      if (m) resolve(m);
    });
    proc.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
}

describe('OPS-3 compiled production server', () => {
  beforeAll(async () => {
    await run(process.execPath, ['scripts/build-server.mjs', '--outdir', outdir], { cwd: root });
  });

  it('builds, starts under plain node without the TypeScript loader and answers /api/health', async () => {
    expect(fs.existsSync(`${entry}.map`)).toBe(true);
    // Nothing in the build imports the loader.
    for (const file of fs.readdirSync(outdir).filter((f) => f.endsWith('.mjs'))) {
      expect(fs.readFileSync(path.join(outdir, file), 'utf8')).not.toMatch(/from\s*["']tsx|import\(["']tsx/);
    }

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      KIJKRUIMTE_DATA_DIR: tempDir(),
      KIJKRUIMTE_DEMO: '1',
      KIJKRUIMTE_LOG_LEVEL: 'warn',
      KIJKRUIMTE_MEMORY_REPORT: '0',
    };
    // The test runner may load tsx through NODE_OPTIONS; the server process must not inherit it.
    delete env.NODE_OPTIONS;
    const proc = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proc);
    const [, url] = await waitForLine(proc, /^KIJKRUIMTE_LISTENING (http:\/\/\S+)$/);

    const cmdline = fs.readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline).toEqual([process.execPath, '--enable-source-maps', entry, '']);
    expect(fs.readFileSync(`/proc/${proc.pid}/environ`, 'utf8')).not.toMatch(/NODE_OPTIONS=[^\0]*tsx/);

    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    // The demo seed found its recording next to the sources (import.meta.dirname rewritten).
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'klantmanager@kijkruimte.example', password: 'demo-wachtwoord' }),
    });
    expect(login.status).toBe(200);
  });

  it('stack traces name the TypeScript sources (maps without embedded sources, OPS-7)', async () => {
    // The maps carry the mappings only: the sources are on disk, and a map holding them all is
    // memory the server keeps for its whole life.
    const map = JSON.parse(fs.readFileSync(`${entry}.map`, 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sourcesContent).toBeUndefined();
    expect(map.sources.some((s) => s.endsWith('server/index.ts'))).toBe(true);
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: 'geen-poort', KIJKRUIMTE_DATA_DIR: tempDir() };
    delete env.NODE_OPTIONS;
    const failed = await run(process.execPath, ['--enable-source-maps', entry], { cwd: root, env }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/at loadConfig \(.*server\/config\/index\.ts:\d+:\d+\)/);
  });

  it('prints a memory breakdown after start-up when asked to', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', KIJKRUIMTE_DATA_DIR: tempDir(), KIJKRUIMTE_LOG_LEVEL: 'warn', KIJKRUIMTE_MEMORY_REPORT: '10' };
    delete env.NODE_OPTIONS;
    const proc = spawn(process.execPath, [entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proc);
    const [, json] = await waitForLine(proc, /^KIJKRUIMTE_MEMORY (\{.*\})$/);
    const report = JSON.parse(json!) as { rss: number; heapUsed: number; code: { bytecodeAndMetadata: number } };
    expect(report.rss).toBeGreaterThan(report.heapUsed);
    expect(report.code.bytecodeAndMetadata).toBeGreaterThan(0);
  });

  it('OPS-4 loads what only some requests need on first use: no static import of it from the entry', () => {
    // Every module the entry pulls in at start-up: static imports, followed through local chunks.
    const loaded = new Set<string>();
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = fs.readFileSync(file, 'utf8');
      for (const m of code.matchAll(/^import\s+(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/gm)) {
        const spec = m[1]!;
        if (spec.startsWith('./')) walk(path.join(path.dirname(file), spec));
        else loaded.add(spec);
      }
    };
    walk(entry);
    expect(loaded.has('fastify')).toBe(true);
    const lazy = ['pdfkit', 'qrcode', 'pg', 'ioredis', 'nodemailer', 'docx', '@node-rs/argon2'];
    expect(Array.from(loaded).filter((spec) => lazy.some((l) => spec === l || spec.startsWith(`${l}/`)))).toEqual([]);
    expect(Array.from(loaded).filter((spec) => spec.startsWith('@tiptap/'))).toEqual([]);
  });
});
