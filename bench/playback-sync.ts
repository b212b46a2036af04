/**
 * P3 — synchronised playback in Chromium. Starts the server (demo mode, free port), logs three
 * demo people into three browser contexts on the demo cycle, and has the klantmanager steer the
 * demo recording through the UI (play, seek, rate, pause, resume) while every page samples
 * |video.currentTime − expected position| on each animation frame, in the page itself (expected =
 * the transport on the element + the page's own clock offset). Reports p50/p95/max of the 100 ms
 * samples in steady state, the time until all three are within 40 ms after each play/seek, and
 * how far apart paused viewers are. P3b: between commands one viewer is set back 150 ms and its
 * recovery time is reported (bench/playback-recovery.ts). A second phase measures the clock-offset estimate with an
 * injected clock offset and random one-way delays on the clock socket.
 *
 *   npx tsx bench/playback-sync.ts [--quick] [--no-build] [--root DIR]
 *
 * `--root DIR` builds and serves the client from DIR/dist/client instead of dist/client (for a
 * machine where something else rebuilds dist/ meanwhile); `--dump FILE` writes every sample as JSON.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { BenchmarkResult, Check } from './lib/report.ts';
import { heading, ms, summarise, table } from './lib/stats.ts';
import { runClockPhase } from './playback-clock.ts';
import { analyseKnocks, inRecovery, knock, knocks, type KnockMark } from './playback-recovery.ts';
import { installSampler, type Sample } from './playback-sampler.ts';

const people = ['klantmanager@kijkruimte.example', 'onderzoeker1@kijkruimte.example', 'onderzoeker2@kijkruimte.example'] as const;
const password = 'demo-wachtwoord';
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'];

type Step = { at: number; what: string; run: (room: Steer) => Promise<void> };

interface Steer {
  play(): Promise<void>;
  pause(): Promise<void>;
  seek(seconds: number): Promise<void>;
  rate(rate: number): Promise<void>;
}

/** The script, in seconds from the start; the demo recording is 20 s long, so it seeks back in time. */
const script: Step[] = [
  { at: 0, what: 'play', run: (r) => r.play() },
  { at: 6, what: 'seek 2 s', run: (r) => r.seek(2) },
  { at: 12, what: 'rate 1.5', run: (r) => r.rate(1.5) },
  { at: 17, what: 'rate 1', run: (r) => r.rate(1) },
  { at: 18.5, what: 'pause', run: (r) => r.pause() },
  { at: 21, what: 'resume', run: (r) => r.play() },
  { at: 24, what: 'seek 1 s', run: (r) => r.seek(1) },
  { at: 30, what: 'rate 0.75', run: (r) => r.rate(0.75) },
  { at: 35, what: 'rate 1', run: (r) => r.rate(1) },
  { at: 38, what: 'pause', run: (r) => r.pause() },
  { at: 40, what: 'seek 3 s (paused)', run: (r) => r.seek(3) },
  { at: 42, what: 'play', run: (r) => r.play() },
  { at: 48, what: 'seek 5 s', run: (r) => r.seek(5) },
  { at: 54, what: 'pause', run: (r) => r.pause() },
  { at: 56, what: 'resume', run: (r) => r.play() },
];
const fullSeconds = 61;
const quickSeconds = 27;

export interface ServerHandle {
  url: string;
  stop: () => Promise<void>;
}

const repo = path.resolve(import.meta.dirname, '..');

/**
 * Our server in demo mode on a free port, with a fresh data directory. It serves the client
 * from `<root>/dist/client` (the server resolves it from its working directory).
 */
export async function startServer(root = repo): Promise<ServerHandle> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kijkruimte-playback-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'server', 'index.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'development', KIJKRUIMTE_DEMO: '1', KIJKRUIMTE_DATA_DIR: dataDir, KIJKRUIMTE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start within 30 s')), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /KIJKRUIMTE_LISTENING (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The built client must exist (the server serves dist/client); rebuilt when a client file is newer. */
export function ensureClientBuild(root: string): void {
  const index = path.join(root, 'dist/client/index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  if (built > Math.max(newest(path.join(repo, 'client')), newest(path.join(repo, 'shared')))) return;
  console.log('building the client (vite build)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', path.join(root, 'dist/client'), '--emptyOutDir'], { stdio: 'inherit', cwd: repo });
  if (r.status !== 0) throw new Error('vite build failed');
}

/** A logged-in person with the demo cycle open, muted, the player ready. */
export async function openRoom(browser: Browser, base: string, email: string, prepare?: (page: Page) => Promise<void>): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => window.localStorage.setItem('kijkruimte:muted', '1'));
  const login = await context.request.post('/api/auth/login', { data: { email, password } });
  if (!login.ok()) throw new Error(`login ${email}: ${login.status()}`);
  const cycles = (await (await context.request.get('/api/cycles')).json()) as { cycles: { id: string; title: string }[] };
  const cycle = cycles.cycles.find((c) => c.title.startsWith('Gesprek met cliënt A'));
  if (!cycle) throw new Error('demo cycle not found');
  // tsx (esbuild, keepNames) wraps functions in `__name(…)`; functions serialised into the page need it too.
  await context.addInitScript('globalThis.__name = (f) => f;');
  const page = await context.newPage();
  if (prepare) await prepare(page);
  await page.goto(`/cycli/${cycle.id}`);
  await page.getByTestId('player-frame').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 20_000 });
  await page.locator('video[data-clock-ready="true"]').waitFor({ timeout: 20_000 });
  // Outside the reflectiegesprek step the room opens watching alone (analysis); the benchmark
  // measures the group following one transport.
  await page.getByTestId('mode-follow').click();
  await page.locator('video[data-follow-mode="volgen"]').waitFor({ timeout: 20_000 });
  return page;
}

function steerer(page: Page): Steer {
  const seq = async (): Promise<number> => Number((await page.getByTestId('player').getAttribute('data-transport-seq')) || '0');
  const after = async (action: () => Promise<void>): Promise<void> => {
    const before = await seq();
    await action();
    const deadline = Date.now() + 5_000;
    while ((await seq()) <= before && Date.now() < deadline) await page.waitForTimeout(5);
  };
  return {
    play: () => after(async () => {
      if ((await page.getByTestId('play-toggle').getAttribute('data-playing')) !== 'true') await page.getByTestId('play-toggle').click();
    }),
    pause: () => after(async () => {
      if ((await page.getByTestId('play-toggle').getAttribute('data-playing')) === 'true') await page.getByTestId('play-toggle').click();
    }),
    seek: (seconds) => after(async () => {
      const track = page.getByTestId('timeline-track');
      await track.scrollIntoViewIfNeeded();
      const box = (await track.boundingBox())!;
      const duration = Number(await page.getByTestId('timeline').getAttribute('data-duration'));
      await page.mouse.click(box.x + (seconds / duration) * box.width, box.y + box.height / 2);
    }),
    rate: (rate) => after(() => page.getByTestId('rate-select').selectOption(String(rate)).then(() => undefined)),
  };
}

interface CommandMark {
  what: string;
  /** Server time just before the click (ms). */
  issuedAt: number;
}

const serverNowIn = (page: Page): Promise<number> =>
  page.evaluate(() => performance.timeOrigin + performance.now() + Number(document.querySelector('video[data-testid="player"]')?.getAttribute('data-clock-offset') ?? 0));

export async function runPlaybackSync(opts: { quick: boolean; build?: boolean; root?: string; dump?: string }): Promise<BenchmarkResult> {
  const root = opts.root ?? repo;
  if (opts.build !== false) ensureClientBuild(root);
  const server = await startServer(root);
  const browser = await chromium.launch({ executablePath: process.env.KIJKRUIMTE_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
  const notes: string[] = [];
  try {
    console.log(heading('P3 playback sync: 3 Chromium followers on the demo recording'));
    const loadBefore = loadAverage();
    console.log(`machine: ${os.cpus().length} cores, load average ${loadBefore.toFixed(2)} at the start`);
    const pages: Page[] = [];
    for (const email of people) pages.push(await openRoom(browser, server.url, email));
    const steer = steerer(pages[0]!);
    // Start from a known state: paused at 0 (the demo document may hold an old transport).
    await steer.pause();
    await steer.seek(0);
    for (const p of pages) await p.evaluate(installSampler);

    const seconds = opts.quick ? quickSeconds : fullSeconds;
    const marks: CommandMark[] = [];
    const knocked: KnockMark[] = [];
    const t0 = Date.now();
    type Timed = { at: number; step: Step } | { at: number; knock: (typeof knocks)[number] };
    const timeline: Timed[] = [...script.map((step) => ({ at: step.at, step })), ...knocks.map((k) => ({ at: k.at, knock: k }))]
      .filter((e) => e.at < seconds - 2)
      .sort((a, b) => a.at - b.at);
    for (const entry of timeline) {
      const wait = t0 + entry.at * 1000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if ('knock' in entry) {
        knocked.push({ ...entry.knock, issuedAt: await knock(pages[entry.knock.viewer]!, entry.knock.by) });
        continue;
      }
      const issuedAt = await serverNowIn(pages[0]!);
      await entry.step.run(steer);
      marks.push({ what: entry.step.what, issuedAt });
    }
    const rest = t0 + seconds * 1000 - Date.now();
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    await Promise.all(pages.map((p) => p.evaluate(() => {
      (window as unknown as { __benchStop: boolean }).__benchStop = true;
    })));
    const samples = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { __benchSamples: Sample[] }).__benchSamples)));
    const loadAfter = loadAverage();
    const frameRate = samples.map((s) => (s.length > 1 ? (s.length - 1) / ((s[s.length - 1]!.t - s[0]!.t) / 1000) : 0));
    console.log(`load average ${loadAfter.toFixed(2)} at the end; animation frames per second in the pages: ${frameRate.map((f) => f.toFixed(0)).join(', ')}`);
    // Three players decoding on two cores leave little room: anything else running shows up as drift.
    if (Math.max(loadBefore, loadAfter) > os.cpus().length) notes.push(`playback-sync: machine busy (load ${Math.max(loadBefore, loadAfter).toFixed(1)} on ${os.cpus().length} cores); figures disturbed, rerun on a quiet machine`);
    const attrs = await Promise.all(pages.map((p) => p.getByTestId('player').evaluate((v) => ({ startDelay: v.getAttribute('data-start-delay-ms'), seek: v.getAttribute('data-seek-ms'), offset: v.getAttribute('data-clock-offset') }))));
    if (opts.dump) fs.writeFileSync(opts.dump, JSON.stringify({ marks, samples }));
    const checks = analyse(samples, marks, attrs, notes, knocked);
    checks.push(...analyseKnocks(samples, knocked));
    const baseline = attrs.map((a) => Number(a.offset)).reduce((s, v) => s + v, 0) / attrs.length;
    for (const p of pages) await p.context().close();
    checks.push(...(await runClockPhase(browser, server.url, baseline, opts.quick)));
    return { name: 'playback-sync', checks, notes };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The 1-minute load average (Linux); NaN elsewhere. */
function loadAverage(): number {
  try {
    return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}

function analyse(perPage: Sample[][], marks: CommandMark[], attrs: { startDelay: string | null; seek: string | null; offset: string | null }[], notes: string[], knocked: KnockMark[]): Check[] {
  const starts = marks.filter((m) => /play|seek|resume/.test(m.what) && !m.what.includes('paused'));
  const allMarks = marks.map((m) => m.issuedAt);
  const lastCommandBefore = (t: number): number => Math.max(-Infinity, ...allMarks.filter((m) => m <= t));
  const steady: number[] = [];
  const rows: string[][] = [];
  perPage.forEach((samples, i) => {
    const mine: number[] = [];
    let nextTick = -Infinity;
    for (const s of samples) {
      if (s.t < nextTick) continue;
      nextTick = s.t + 100;
      // Steady state: running, at least 1 s after the last command and after its scheduled start.
      if (s.running && s.t - lastCommandBefore(s.t) >= 1_000 && s.t - s.at >= 1_000 && !inRecovery(i, s.t, knocked)) mine.push(Math.abs(s.drift));
    }
    steady.push(...mine);
    const sum = summarise(mine);
    rows.push([people[i]!.split('@')[0]!, String(sum.count), ms(sum.p50), ms(sum.p95), ms(sum.max), attrs[i]!.startDelay ?? '–', attrs[i]!.seek ?? '–', attrs[i]!.offset ?? '–']);
  });
  const all = summarise(steady);
  rows.push(['all', String(all.count), ms(all.p50), ms(all.p95), ms(all.max), '', '', '']);
  console.log('\nSteady-state |currentTime − expected|, sampled every 100 ms (ms):');
  console.log(table(['viewer', 'samples', 'p50', 'p95', 'max', 'start delay', 'slowest seek', 'clock offset'], rows));

  // Convergence: from the click until all three are within 40 ms and stay there for 500 ms.
  const convRows: string[][] = [];
  const convergence: number[] = [];
  const firstFrames: number[] = [];
  for (const mark of starts) {
    const next = Math.min(Infinity, ...allMarks.filter((t) => t > mark.issuedAt));
    const perViewer = perPage.map((samples) => {
      const window = samples.filter((s) => s.t >= mark.issuedAt && s.t < next);
      let settled: number | null = null;
      for (const s of window) {
        const ok = s.running && !s.paused && Math.abs(s.drift) <= 40;
        if (!ok) settled = null;
        else if (settled === null) settled = s.t;
        else if (s.t - settled >= 500) break;
      }
      const first = window.find((s) => s.running && !s.paused && s.t >= s.at);
      if (first) firstFrames.push(Math.abs(first.drift));
      return settled === null ? Number.NaN : settled - mark.issuedAt;
    });
    const worst = perViewer.some(Number.isNaN) ? Number.NaN : Math.max(...perViewer);
    convergence.push(worst);
    convRows.push([mark.what, ...perViewer.map((v) => ms(v, 0)), ms(worst, 0)]);
  }
  console.log('\nTime from the click until each viewer is within 40 ms (and stays, 500 ms) (ms):');
  console.log(table(['command', 'viewer 1', 'viewer 2', 'viewer 3', 'all'], convRows));

  // Paused viewers: how far apart the three frames are once a pause has settled.
  const spreads: number[] = [];
  for (const mark of marks.filter((m) => m.what.startsWith('pause') || m.what.includes('paused'))) {
    const at = mark.issuedAt + 800;
    const positions = perPage.map((samples) => samples.find((s) => s.t >= at)?.currentTime ?? Number.NaN);
    spreads.push((Math.max(...positions) - Math.min(...positions)) * 1000);
  }
  const worstConv = convergence.some(Number.isNaN) ? Number.NaN : Math.max(...convergence);
  const ff = summarise(firstFrames);
  const maxSpread = spreads.length ? Math.max(...spreads) : Number.NaN;
  console.log(`\nfirst frame after play/seek: max ${ms(ff.max)} ms; paused viewers apart by at most ${ms(maxSpread)} ms`);
  if (convergence.some(Number.isNaN)) notes.push('playback-sync: a viewer did not settle within 40 ms before the next command');
  return [
    { id: 'P3', what: 'steady drift p50 / p95 / max', value: `${ms(all.p50)} / ${ms(all.p95)} / ${ms(all.max)} ms`, target: 'p50 ≤ 15 ms (goal ≤ 6 / 17 / 25 ms)', pass: all.p50 <= 15, goal: all.p50 <= 6 && all.p95 <= 17 && all.max <= 25 },
    { id: 'P3', what: 'converged after play/seek (worst)', value: `${ms(worstConv, 0)} ms`, target: '≤ 1000 ms (goal ≤ 600 ms)', pass: Number.isFinite(worstConv) ? worstConv <= 1_000 : false, goal: worstConv <= 600 },
    { id: 'P3', what: 'first frame after play/seek (max)', value: `${ms(ff.max)} ms`, target: '≤ 40 ms', pass: ff.max <= 40 },
    { id: 'P3', what: 'paused viewers apart (max)', value: `${ms(maxSpread)} ms`, target: 'same frame (< 40 ms; goal 0)', pass: maxSpread < 40, goal: maxSpread < 1 },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const rootAt = process.argv.indexOf('--root');
  const root = rootAt > 0 && process.argv[rootAt + 1] ? path.resolve(process.argv[rootAt + 1]!) : undefined;
  const dumpAt = process.argv.indexOf('--dump');
  const dump = dumpAt > 0 ? process.argv[dumpAt + 1] : undefined;
  runPlaybackSync({ quick, build: !process.argv.includes('--no-build'), root, dump }).then(
    (result) => {
      console.log(heading('playback-sync summary'));
      console.log(table(['id', 'what', 'value', 'target', 'floor', 'goal'], result.checks.map((c) => [c.id, c.what, c.value, c.target, c.pass === null ? 'n/a' : c.pass ? 'PASS' : 'MISS', c.goal === undefined || c.goal === null ? '' : c.goal ? 'PASS' : 'MISS'])));
      for (const n of result.notes) console.log(`note: ${n}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
