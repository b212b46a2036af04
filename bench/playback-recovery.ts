/**
 * P3b in bench/playback-sync.ts: one viewer is knocked 150 ms behind while everyone plays
 * (`video.currentTime -= 0.15` in its page; a seek while playing, so it lands later still), and
 * the time until it is back within 40 ms of the transport (and stays there for 500 ms) is
 * reported. The other viewers are not touched.
 */
import type { Page } from '@playwright/test';
import type { Check } from './lib/report.ts';
import { ms, table } from './lib/stats.ts';
import type { Sample } from './playback-sampler.ts';

export interface Knock {
  /** Seconds from the start of the script (between commands, while playing). */
  at: number;
  /** Index of the viewer's page. */
  viewer: number;
  /** Seconds to set the viewer back. */
  by: number;
}

/** Two knocks in the full script, the first also in the quick one (both ≥ 3 s from the next command). */
export const knocks: Knock[] = [
  { at: 8.5, viewer: 1, by: 0.15 },
  { at: 44.5, viewer: 2, by: 0.15 },
];

export interface KnockMark extends Knock {
  /** Server time just before the knock (ms). */
  issuedAt: number;
}

/** Sets the viewer's video back; returns the server time just before. */
export async function knock(page: Page, by: number): Promise<number> {
  return page.evaluate((seconds) => {
    const v = document.querySelector<HTMLVideoElement>('video[data-testid="player"]');
    if (v === null) throw new Error('no player');
    const serverNow = performance.timeOrigin + performance.now() + Number(v.getAttribute('data-clock-offset') ?? 0);
    v.currentTime -= seconds;
    return serverNow;
  }, by);
}

/** Time from the knock until the viewer is within 40 ms and stays there for 500 ms (ms; NaN: never). */
function recovery(samples: Sample[], mark: KnockMark): { recovered: number; worst: number } {
  let settled: number | null = null;
  let worst = 0;
  for (const s of samples) {
    if (s.t < mark.issuedAt) continue;
    if (s.t > mark.issuedAt + 3_000) break;
    worst = Math.max(worst, Math.abs(s.drift));
    const ok = s.running && !s.paused && Math.abs(s.drift) <= 40;
    if (!ok) settled = null;
    else if (settled === null) settled = s.t;
    else if (s.t - settled >= 500) return { recovered: settled - mark.issuedAt, worst };
  }
  return { recovered: Number.NaN, worst };
}

export function analyseKnocks(perPage: Sample[][], marks: KnockMark[]): Check[] {
  if (marks.length === 0) return [];
  const results = marks.map((m) => ({ m, ...recovery(perPage[m.viewer] ?? [], m) }));
  console.log('\nP3b: one viewer set back while playing; time until it is within 40 ms again (and stays 500 ms):');
  console.log(
    table(
      ['at s', 'viewer', 'set back', 'largest drift ms', 'recovered after ms'],
      results.map((r) => [String(r.m.at), String(r.m.viewer + 1), `${r.m.by * 1000} ms`, ms(r.worst, 0), ms(r.recovered, 0)]),
    ),
  );
  const worst = results.some((r) => Number.isNaN(r.recovered)) ? Number.NaN : Math.max(...results.map((r) => r.recovered));
  return [
    {
      id: 'P3b',
      what: 'viewer set back 150 ms: within 40 ms after (worst)',
      value: `${ms(worst, 0)} ms`,
      target: '≤ 1000 ms',
      pass: Number.isFinite(worst) ? worst <= 1_000 : false,
    },
  ];
}

/** Whether the sample lies in a knocked viewer's recovery (excluded from steady state). */
export function inRecovery(viewer: number, t: number, marks: KnockMark[]): boolean {
  return marks.some((m) => m.viewer === viewer && t >= m.issuedAt && t < m.issuedAt + 3_000);
}
