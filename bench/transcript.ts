/**
 * Transcripts (issue: a 60-minute conversation, ≈ 1,500 cues). Measures, on our compiled server
 * (as `npm start` runs it) and in Chromium:
 *
 * - parse: decoding and parsing the WebVTT file in Node (the same code the server and the import
 *   form run);
 * - analytics: `analyseTranscript` over the 1,500 cues (talk share, turns, questions, silences,
 *   turn lengths, topic chains);
 * - import: `PUT /api/media/:mediaId/transcript` round trip on localhost (base64 body, decode,
 *   parse, speaker mapping, store, audit, response with all cues);
 * - first render: from navigation start until the room shows all 1,500 lines and the figures;
 * - following playback: the video plays while the highlighted line moves (the first 20 s hold a
 *   line every 0.5 s, as in quick exchanges); animation-frame intervals are recorded in the page
 *   and a frame counts as dropped when its interval exceeds 1.5 × the display's frame time.
 *
 *   npm run bench -- transcript [--quick]
 */
import { chromium, type Browser } from '@playwright/test';
import { analyseTranscript } from '../shared/transcript/analytics.ts';
import { decodeTranscript } from '../shared/transcript/decode.ts';
import { parseTranscript } from '../shared/transcript/parse.ts';
import { formatCueTimestamp } from '../shared/transcript/time.ts';
import type { Cue } from '../shared/transcript/types.ts';
import { demoLogin } from './lib/demo-login.ts';
import type { BenchOptions, BenchmarkResult } from './lib/report.ts';
import { startServer } from './lib/servers.ts';
import { heading, median, ms, table } from './lib/stats.ts';
import { chromiumArgs, ensureClientBuild } from './playback-sync.ts';

const CUES = 1_500;
const MINUTES = 60;
const email = 'klantmanager@kijkruimte.example';
const password = 'demo-wachtwoord';
const sentences = [
  'Hoe gaat het nu met de sollicitatie bij de bakkerij?',
  'Ik heb de brief verstuurd, maar nog niets gehoord.',
  'Wat zou je willen dat er deze week gebeurt?',
  'Eigenlijk wil ik eerst mijn schulden op een rij hebben.',
  'Dat begrijp ik. Zullen we samen naar die schulden kijken?',
  'Ja, dat lijkt me goed. Ik weet niet waar ik moet beginnen.',
  'We kunnen beginnen met de brieven die je hebt meegenomen.',
  'Hm hm.',
];

/** A 60-minute Teams-style WebVTT: two speakers, dense exchanges in the first 20 s. */
export function sixtyMinuteVtt(): string {
  const cues: Cue[] = [];
  const dense = 40;
  for (let i = 0; i < CUES; i++) {
    const start = i < dense ? i * 500 : 20_000 + Math.round(((i - dense) * (MINUTES * 60_000 - 20_000)) / (CUES - dense));
    const next = i + 1 < dense ? (i + 1) * 500 : 20_000 + Math.round(((i + 1 - dense) * (MINUTES * 60_000 - 20_000)) / (CUES - dense));
    cues.push({ start, end: Math.max(start + 300, next - 200), speaker: i % 2 === 0 ? 'Sanne de Vries' : 'Piet Pietersen', text: sentences[i % sentences.length]! });
  }
  return ['WEBVTT', '', ...cues.map((c) => `${formatCueTimestamp(c.start)} --> ${formatCueTimestamp(c.end)}\n<v ${c.speaker}>${c.text}</v>\n`)].join('\n');
}

const timeIt = (n: number, fn: () => void): number[] =>
  Array.from({ length: n }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  });

export async function transcriptBenchmark(opts: Pick<BenchOptions, 'quick'>): Promise<BenchmarkResult> {
  console.log(heading(`transcript: a ${MINUTES}-minute conversation, ${CUES.toLocaleString('en')} cues`));
  const vtt = sixtyMinuteVtt();
  const bytes = new TextEncoder().encode(vtt);
  const rounds = opts.quick ? 5 : 20;
  let cues: Cue[] = [];
  const parse = timeIt(rounds, () => {
    const decoded = decodeTranscript(bytes);
    const parsed = decoded.ok ? parseTranscript(decoded.text) : decoded;
    if (!parsed.ok || parsed.cues.length !== CUES) throw new Error('the generated transcript did not parse');
    cues = parsed.cues;
  });
  const mapping = [
    { name: 'Sanne de Vries', role: 'klantmanager' as const, pseudonym: null },
    { name: 'Piet Pietersen', role: 'client' as const, pseudonym: 'Cliënt A' },
  ];
  const analytics = timeIt(rounds, () => void analyseTranscript(cues, mapping));
  console.log(`file ${(bytes.length / 1024).toFixed(0)} KiB; Node: parse median ${ms(median(parse))} ms, analytics median ${ms(median(analytics))} ms (${rounds} rounds)`);

  ensureClientBuild(process.cwd());
  const server = await startServer('ours', 'deployed', { noLogin: true, env: { KIJKRUIMTE_SECURE_COOKIES: '0' } });
  const url = server.wsBase.replace(/^ws/, 'http').replace(/\/collab$/, '');
  const browser = await chromium.launch({ executablePath: process.env.KIJKRUIMTE_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const auth = await demoLogin(url, email, password);
    const headers = { cookie: auth.cookie, 'x-csrf-token': auth.csrfToken, 'content-type': 'application/json' };
    const cycles = (await (await fetch(`${url}/api/cycles`, { headers })).json()) as { cycles: { id: string }[] };
    const cycleId = cycles.cycles[0]!.id;
    const recordings = (await (await fetch(`${url}/api/cycles/${cycleId}/recordings`, { headers })).json()) as { recordings: { media: { id: string }[] }[] };
    const mediaId = recordings.recordings[0]!.media[0]!.id;
    const body = JSON.stringify({ data: Buffer.from(bytes).toString('base64'), speakers: mapping });
    const imports: number[] = [];
    for (let i = 0; i < (opts.quick ? 3 : 10); i++) {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/media/${mediaId}/transcript`, { method: 'PUT', headers, body });
      await res.arrayBuffer();
      imports.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`import failed: ${res.status}`);
    }
    console.log(`import round trip (${imports.length}×): median ${ms(median(imports))} ms, max ${ms(Math.max(...imports))} ms`);

    const rows: string[][] = [];
    const renders: number[] = [];
    const dropped: number[] = [];
    const baseline: number[] = [];
    const runs = opts.quick ? 1 : 3;
    // The peer: the same room and playback without any transcript (what the video costs alone).
    const removed = await fetch(`${url}/api/media/${mediaId}/transcript`, { method: 'DELETE', headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrfToken } });
    if (removed.status !== 204) throw new Error(`deleting the transcript failed: ${removed.status}`);
    for (let run = 0; run < runs; run++) {
      const r = await followPlayback(browser, url, cycleId, null, opts.quick ? 5 : 12);
      baseline.push(r.drops);
      rows.push([`${run + 1} without`, '–', '–', String(r.frames), ms(r.frameMs), ms(r.p99), String(r.drops)]);
    }
    if ((await fetch(`${url}/api/media/${mediaId}/transcript`, { method: 'PUT', headers, body })).status !== 200) throw new Error('re-import failed');
    for (let run = 0; run < runs; run++) {
      const r = await followPlayback(browser, url, cycleId, CUES, opts.quick ? 5 : 12);
      renders.push(r.rendered);
      dropped.push(r.drops);
      rows.push([`${run + 1} with`, ms(r.rendered, 0), String(r.lineChanges), String(r.frames), ms(r.frameMs), ms(r.p99), String(r.drops)]);
    }
    console.log(table(['run (transcript)', 'first render ms', 'line changes', 'frames', 'frame ms (median)', 'frame p99 ms', 'dropped'], rows));
    console.log(`dropped frames: ${dropped.join(', ')} with the transcript, ${baseline.join(', ')} without (same room, same video)`);
    const worstDrops = Math.max(...dropped);
    const typicalDrops = median(dropped);
    return {
      name: 'transcript',
      checks: [
        { id: 'T1', what: `import of ${CUES.toLocaleString('en')} cues, server round trip (median)`, value: `${ms(median(imports))} ms`, target: '≤ 300 ms', pass: median(imports) <= 300 },
        { id: 'T2', what: 'analytics (median)', value: `${ms(median(analytics))} ms`, target: '≤ 50 ms', pass: median(analytics) <= 50 },
        { id: 'T3', what: 'navigation → all lines and figures rendered (median)', value: `${ms(median(renders), 0)} ms`, target: 'reported', pass: null },
        {
          id: 'T4',
          what: 'frames dropped while the transcript follows playback: median run, worst run (without a transcript)',
          value: `${typicalDrops}, ${worstDrops} (${median(baseline)}, ${Math.max(...baseline)})`,
          target: 'median no more than without',
          pass: typicalDrops <= median(baseline),
        },
      ],
      notes: [],
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * Opens the room in a fresh browser context, waits until `cues` lines (if any) and the figures are
 * rendered, plays the recording from its start and records animation-frame intervals for
 * `seconds`. A frame counts as dropped when its interval exceeds 1.5 × the median (the display's
 * frame time).
 */
async function followPlayback(browser: Browser, url: string, cycleId: string, cues: number | null, seconds: number) {
  const context = await browser.newContext({ baseURL: url });
  try {
    await context.addInitScript('globalThis.__name = (f) => f;');
    const res = await context.request.post('/api/auth/login', { data: { email, password } });
    if (res.status() !== 200) throw new Error(`browser login failed: ${res.status()}`);
    const page = await context.newPage();
    await page.goto(`/cycli/${cycleId}/analyse`);
    const rendered = await page.evaluate(
      (count) =>
        new Promise<number>((resolve, reject) => {
          const until = performance.now() + 60_000;
          const loop = (): void => {
            const lines = document.querySelectorAll('[data-testid="transcript-line"]').length;
            if (count === null ? document.querySelector('[data-testid="player-frame"]') : lines >= count && document.querySelector('[data-testid="talk-share"]')) resolve(performance.now());
            else if (performance.now() > until) reject(new Error(`only ${lines} lines after 60 s`));
            else requestAnimationFrame(loop);
          };
          loop();
        }),
      cues,
    );
    // The room must be ready (media loaded, clock synced) before a click on play counts.
    await page.waitForSelector('[data-testid="player-frame"][data-ready="true"]');
    await page.waitForSelector('[data-testid="player"][data-clock-ready="true"]');
    await page.evaluate(() => {
      document.querySelector('video')!.muted = true;
    });
    if (await page.evaluate(() => !document.querySelector('video')!.paused)) await page.getByTestId('play-toggle').click();
    // From the start, so that the dense first 20 s are what is followed.
    await page.evaluate(() => {
      document.querySelector('video')!.currentTime = 0;
    });
    await page.getByTestId('play-toggle').click();
    // Measure from when the video really plays (its start-up is not the transcript's work).
    await page.waitForFunction(() => {
      const v = document.querySelector('video');
      return v !== null && !v.paused && v.currentTime > 0.3;
    });
    const frames = await page.evaluate(
      (secs) =>
        new Promise<{ intervals: number[]; lineChanges: number }>((resolve) => {
          const intervals: number[] = [];
          let last = performance.now();
          let lineChanges = 0;
          let active = document.querySelector('.transcript__line--active');
          const end = last + secs * 1000;
          const loop = (now: number): void => {
            intervals.push(now - last);
            last = now;
            const current = document.querySelector('.transcript__line--active');
            if (current !== active) {
              lineChanges++;
              active = current;
            }
            if (now < end) requestAnimationFrame(loop);
            else resolve({ intervals, lineChanges });
          };
          requestAnimationFrame(loop);
        }),
      seconds,
    );
    const frameMs = median(frames.intervals);
    const sorted = [...frames.intervals].sort((a, b) => a - b);
    return {
      rendered,
      lineChanges: frames.lineChanges,
      frames: frames.intervals.length,
      frameMs,
      p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
      drops: frames.intervals.filter((x) => x > frameMs * 1.5).length,
    };
  } finally {
    await context.close();
  }
}
