/**
 * Media benchmark (bench/README.md, P5 and P6), standalone:
 *
 *   npx tsx bench/media.ts            # 2 GB recording, 200 seeks, 2 full streams per server
 *   npx tsx bench/media.ts --quick    # 256 MB, 50 seeks, 1 full stream per server
 *
 * 1. Writes a valid MP4 of the chosen size (the committed 10 s fixture plus a `free` box of random
 *    bytes) into a fresh temporary directory.
 * 2. Starts our server (`server/index.ts`, demo workspace, fresh data directory) in a child
 *    process and uploads the file through the real tus endpoint as the klantmanager: the upload
 *    is dropped at about 50 % and resumed (HEAD + PATCH), and the server's RSS is sampled every
 *    100 ms (P6: growth ≤ 50 MB). The server encrypts as it receives (AES-256-GCM, 64 KiB chunks).
 * 3. Starts @fastify/static serving the same plaintext in another child process.
 * 4. Range seeks (`bytes=N-`, the same random offsets for both, interleaved): time to first body
 *    byte (P5: p95 ≤ 20 ms); then full-file streaming throughput for both (P5: ≥ 300 MB/s and
 *    ≥ 0.6× @fastify/static).
 *
 * Everything binds to 127.0.0.1; temporary files and child processes are removed at the end.
 * `mediaBench()` is exported for `bench/run.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const MB = 1e6;

export interface MediaBenchOptions {
  quick: boolean;
  /** Size of the recording in bytes (default 2 GB, quick 256 MB). */
  sizeBytes?: number;
  /** Number of random seeks per server (default 200, quick 50). */
  seeks?: number;
  /** Full-file streams per server (default 2, quick 1); the best is reported. */
  streams?: number;
  log?: (line: string) => void;
}

export interface MediaBenchResult {
  sizeBytes: number;
  upload: { seconds: number; mbPerSecond: number; rssBaselineMb: number; rssPeakMb: number; rssGrowthMb: number; resumedAtBytes: number };
  ours: { ttfbP50: number; ttfbP95: number; ttfbMax: number; mbPerSecond: number };
  fastifyStatic: { ttfbP50: number; ttfbP95: number; ttfbMax: number; mbPerSecond: number };
  ratio: number;
  targets: { ttfbP95: boolean; throughput: boolean; ratio: boolean; rssGrowth: boolean };
}

interface Child {
  proc: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

function startChild(args: string[], env: Record<string, string>, pattern: RegExp): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      const m = pattern.exec(line);
      if (m) resolve({ proc, url: m[1]!, stop });
    });
    void exited.then(() => reject(new Error(`child ${args.join(' ')} exited early: ${stderr}`)));
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** A valid MP4 of exactly `size` bytes: the fixture, then a `free` box of random bytes. */
async function writeRecording(file: string, size: number): Promise<void> {
  const head = fs.readFileSync(path.join(root, 'tests/fixtures/media/sample.mp4'));
  const boxSize = size - head.length;
  if (boxSize < 8 || boxSize > 0xffffffff) throw new Error('size out of range');
  const boxHeader = Buffer.alloc(8);
  boxHeader.writeUInt32BE(boxSize, 0);
  boxHeader.write('free', 4, 'latin1');
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, head);
    fs.writeSync(fd, boxHeader);
    const pool = crypto.randomBytes(64 * 1024 * 1024);
    let left = boxSize - 8;
    let i = 0;
    while (left > 0) {
      // 8 MiB slices of a 64 MiB random pool at shifting offsets: incompressible, quick to make.
      const off = (i++ * 7_919_993) % (pool.length - 8 * 1024 * 1024);
      const n = Math.min(left, 8 * 1024 * 1024);
      fs.writeSync(fd, pool, off, n);
      left -= n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

interface Session {
  cookie: string;
  csrf: string;
}

async function json<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function login(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'klantmanager@kijkruimte.example', password: 'demo-wachtwoord' }),
  });
  if (!res.ok) throw new Error(`login: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes('kijkruimte'))!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

function request(url: string, method: string, headers: Record<string, string>, body?: fs.ReadStream, dropAfter?: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; dropped: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, dropped: false }));
    });
    req.on('error', (err) => {
      if (dropAfter !== undefined && req.destroyed) resolve({ status: 0, headers: {}, dropped: true });
      else reject(err);
    });
    if (!body) {
      req.end();
      return;
    }
    let sent = 0;
    body.on('data', (d: Buffer | string) => {
      sent += d.length;
      if (dropAfter !== undefined && sent > dropAfter && !req.destroyed) {
        // The connection drops mid-upload.
        body.destroy();
        req.destroy(new Error('dropped'));
      }
    });
    body.pipe(req);
  });
}

/** A minimal tus client over a file stream (tus-js-client wants the whole file in memory in Node). */
async function uploadFile(base: string, s: Session, cycleId: string, file: string, size: number): Promise<{ mediaId: string; resumedAt: number }> {
  const auth = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'tus-resumable': '1.0.0' };
  const created = await request(`${base}/api/cycles/${cycleId}/uploads`, 'POST', {
    ...auth,
    'upload-length': String(size),
    'upload-metadata': `filename ${Buffer.from('bench.mp4').toString('base64')}`,
  });
  if (created.status !== 201) throw new Error(`create: ${created.status}`);
  const url = new URL(String(created.headers.location), base).toString();
  let offset = 0;
  let resumedAt = 0;
  let drop = true;
  for (let attempt = 0; attempt < 10 && offset < size; attempt++) {
    const stream = fs.createReadStream(file, { start: offset, highWaterMark: 1024 * 1024 });
    const res = await request(
      url,
      'PATCH',
      { ...auth, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', 'content-length': String(size - offset) },
      stream,
      drop ? Math.floor(size / 2) : undefined,
    );
    if (res.status === 204) {
      offset = Number(res.headers['upload-offset']);
      continue;
    }
    if (!res.dropped && res.status !== 409) throw new Error(`PATCH: ${res.status}`);
    drop = false;
    const head = await request(url, 'HEAD', auth);
    offset = Number(head.headers['upload-offset']);
    resumedAt = offset;
  }
  if (offset !== size) throw new Error('upload did not complete');
  return { mediaId: url.split('/').pop()!, resumedAt };
}

const agent = new http.Agent({ keepAlive: false });

/** Time to the first body byte of `bytes=<offset>-`, then the response is abandoned (a seek). */
function ttfb(url: string, headers: Record<string, string>, offset: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers: { ...headers, range: `bytes=${offset}-` } }, (res) => {
      if (res.statusCode !== 206) reject(new Error(`seek: ${res.statusCode}`));
      res.once('data', () => {
        const t = performance.now() - t0;
        req.destroy();
        resolve(t);
      });
    });
    req.on('error', () => undefined);
  });
}

/** Streams the whole file; MB/s (10^6 bytes). */
function throughput(url: string, headers: Record<string, string>, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let n = 0;
    http
      .get(url, { agent, headers }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`stream: ${res.statusCode}`));
        res.on('data', (d: Buffer) => (n += d.length));
        res.on('end', () => {
          if (n !== size) reject(new Error(`streamed ${n} of ${size} bytes`));
          resolve(n / MB / ((performance.now() - t0) / 1000));
        });
      })
      .on('error', reject);
  });
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function mediaBench(opts: MediaBenchOptions): Promise<MediaBenchResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const size = opts.sizeBytes ?? (opts.quick ? 256 * 1024 * 1024 : 2 * 1024 * 1024 * 1024);
  const seeks = opts.seeks ?? (opts.quick ? 50 : 200);
  const streams = opts.streams ?? (opts.quick ? 1 : 2);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kijkruimte-bench-media-'));
  const children: Child[] = [];
  try {
    const staticDir = path.join(tmp, 'static');
    fs.mkdirSync(staticDir);
    const plain = path.join(staticDir, 'recording.mp4');
    log(`media: writing a ${(size / MB).toFixed(0)} MB recording…`);
    await writeRecording(plain, size);

    const ours = await startChild(
      ['server/index.ts'],
      {
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        KIJKRUIMTE_DATA_DIR: path.join(tmp, 'data'),
        KIJKRUIMTE_DEMO: '1',
        KIJKRUIMTE_SECURE_COOKIES: '0',
        KIJKRUIMTE_LOG_LEVEL: 'warn',
        KIJKRUIMTE_MAX_UPLOAD_BYTES: String(size),
      },
      /^KIJKRUIMTE_LISTENING (http:\/\/\S+)$/,
    );
    children.push(ours);
    const session = await login(ours.url);
    const { cycles } = await json<{ cycles: { id: string; myRole: string }[] }>(`${ours.url}/api/cycles`, { headers: { cookie: session.cookie } });
    const cycleId = cycles.find((c) => c.myRole === 'owner')!.id;

    // P6: upload through the real endpoint, dropped at ~50 % and resumed; RSS sampled every 100 ms.
    log('media: uploading through the tus endpoint (dropped at ~50 %, resumed)…');
    const pid = ours.proc.pid!;
    const baseline = rssMb(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
    const t0 = performance.now();
    const { mediaId, resumedAt } = await uploadFile(ours.url, session, cycleId, plain, size);
    const uploadSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(pid));
    const rec = await json<{ recordings: { media: { id: string; status: string }[] }[] }>(`${ours.url}/api/cycles/${cycleId}/recordings`, {
      headers: { cookie: session.cookie },
    });
    if (!rec.recordings.some((r) => r.media.some((m) => m.id === mediaId && m.status === 'ready'))) throw new Error('uploaded file not ready');

    const peer = await startChild(['bench/media-static-server.ts', staticDir], {}, /^LISTENING (http:\/\/\S+)$/);
    children.push(peer);
    const oursUrl = `${ours.url}/api/media/${mediaId}`;
    const peerUrl = `${peer.url}/recording.mp4`;
    const oursHeaders = { cookie: session.cookie };

    // Warm-up: a few seeks each (JIT, file handles, page cache).
    for (let i = 0; i < 5; i++) {
      await ttfb(oursUrl, oursHeaders, i * 1_000_000);
      await ttfb(peerUrl, {}, i * 1_000_000);
    }
    log(`media: ${seeks} random seeks per server…`);
    const tOurs: number[] = [];
    const tPeer: number[] = [];
    for (let i = 0; i < seeks; i++) {
      const offset = crypto.randomInt(0, size - 1);
      if (i % 2 === 0) {
        tOurs.push(await ttfb(oursUrl, oursHeaders, offset));
        tPeer.push(await ttfb(peerUrl, {}, offset));
      } else {
        tPeer.push(await ttfb(peerUrl, {}, offset));
        tOurs.push(await ttfb(oursUrl, oursHeaders, offset));
      }
    }
    log(`media: streaming the whole file (${streams}× per server)…`);
    const sOurs: number[] = [];
    const sPeer: number[] = [];
    for (let i = 0; i < streams; i++) {
      if (i % 2 === 0) {
        sOurs.push(await throughput(oursUrl, oursHeaders, size));
        sPeer.push(await throughput(peerUrl, {}, size));
      } else {
        sPeer.push(await throughput(peerUrl, {}, size));
        sOurs.push(await throughput(oursUrl, oursHeaders, size));
      }
    }
    tOurs.sort((a, b) => a - b);
    tPeer.sort((a, b) => a - b);
    const oursMbs = Math.max(...sOurs);
    const peerMbs = Math.max(...sPeer);
    const result: MediaBenchResult = {
      sizeBytes: size,
      upload: { seconds: uploadSeconds, mbPerSecond: size / MB / uploadSeconds, rssBaselineMb: baseline, rssPeakMb: peak, rssGrowthMb: peak - baseline, resumedAtBytes: resumedAt },
      ours: { ttfbP50: pct(tOurs, 50), ttfbP95: pct(tOurs, 95), ttfbMax: tOurs.at(-1)!, mbPerSecond: oursMbs },
      fastifyStatic: { ttfbP50: pct(tPeer, 50), ttfbP95: pct(tPeer, 95), ttfbMax: tPeer.at(-1)!, mbPerSecond: peerMbs },
      ratio: oursMbs / peerMbs,
      targets: { ttfbP95: false, throughput: false, ratio: false, rssGrowth: false },
    };
    result.targets = {
      ttfbP95: result.ours.ttfbP95 <= 20,
      throughput: oursMbs >= 300,
      ratio: result.ratio >= 0.6,
      rssGrowth: result.upload.rssGrowthMb <= 50,
    };
    return result;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function printMediaResult(r: MediaBenchResult, log: (line: string) => void = console.log): void {
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const f = (n: number, d = 1) => n.toFixed(d);
  const rows: [string, string, string, string][] = [
    ['', 'ours (AES-256-GCM)', '@fastify/static (plaintext)', 'ours / static'],
    ['seek TTFB p50 (ms)', f(r.ours.ttfbP50, 2), f(r.fastifyStatic.ttfbP50, 2), f(r.ours.ttfbP50 / r.fastifyStatic.ttfbP50, 2)],
    ['seek TTFB p95 (ms)', f(r.ours.ttfbP95, 2), f(r.fastifyStatic.ttfbP95, 2), f(r.ours.ttfbP95 / r.fastifyStatic.ttfbP95, 2)],
    ['seek TTFB max (ms)', f(r.ours.ttfbMax, 2), f(r.fastifyStatic.ttfbMax, 2), ''],
    ['full stream (MB/s)', f(r.ours.mbPerSecond, 0), f(r.fastifyStatic.mbPerSecond, 0), f(r.ratio, 2)],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  log('');
  log(`Media (P5, P6): ${(r.sizeBytes / MB).toFixed(0)} MB recording`);
  for (const row of rows) log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   '));
  log('');
  log(
    `upload (tus, dropped at ~50 %, resumed at ${(r.upload.resumedAtBytes / MB).toFixed(0)} MB): ${f(r.upload.seconds)} s, ${f(r.upload.mbPerSecond, 0)} MB/s; ` +
      `server RSS ${f(r.upload.rssBaselineMb, 0)} → peak ${f(r.upload.rssPeakMb, 0)} MB (growth ${f(r.upload.rssGrowthMb)} MB)`,
  );
  log('');
  log(`P5 seek TTFB p95 ≤ 20 ms:            ${mark(r.targets.ttfbP95)} (${f(r.ours.ttfbP95, 2)} ms)`);
  log(`P5 streaming ≥ 300 MB/s:             ${mark(r.targets.throughput)} (${f(r.ours.mbPerSecond, 0)} MB/s)`);
  log(`P5 streaming ≥ 0.6× @fastify/static: ${mark(r.targets.ratio)} (${f(r.ratio, 2)}×)`);
  log(`P6 upload RSS growth ≤ 50 MB:        ${mark(r.targets.rssGrowth)} (${f(r.upload.rssGrowthMb)} MB)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  mediaBench({ quick })
    .then((r) => {
      printMediaResult(r);
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
