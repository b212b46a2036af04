/**
 * Clock-offset estimation in the real client: three pages whose local clock is shifted by a known
 * amount (performance.now patched before any page script runs) and whose clock socket gets a
 * random one-way delay in each direction (Playwright routes the WebSocket through Node). The
 * error is |estimated offset − (true offset − injected shift)|, where the true offset between
 * Chromium's and Node's clocks is what the undisturbed pages of the first phase measured
 * (loopback, sub-millisecond round trips).
 */
import type { Browser, Page } from '@playwright/test';
import type { Check } from './lib/report.ts';
import { ms, summarise, table } from './lib/stats.ts';
import { openRoom } from './playback-sync.ts';

const people = ['klantmanager@kijkruimte.example', 'onderzoeker1@kijkruimte.example', 'onderzoeker2@kijkruimte.example'] as const;
/** Injected clock shifts (ms) and the largest one-way delay (ms), uniformly random per message and direction. */
const shifts = [1234.567, -873.21, 42.5];
const maxOneWayMs = 10;

export async function runClockPhase(browser: Browser, base: string, trueOffset: number, quick: boolean): Promise<Check[]> {
  const seconds = quick ? 10 : 30;
  console.log(`\nClock offset: shifts ${shifts.join(', ')} ms, one-way delay uniform 0–${maxOneWayMs} ms each way, ${seconds} s`);
  const pages: Page[] = [];
  for (const [i, shift] of shifts.entries()) {
    pages.push(await openRoom(browser, base, people[i]!, async (page) => {
      await page.addInitScript((s: number) => {
        const now = performance.now.bind(performance);
        performance.now = () => now() + s;
      }, shift);
      await page.routeWebSocket(/\/api\/clock$/, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((m) => void setTimeout(() => server.send(m), Math.random() * maxOneWayMs));
        server.onMessage((m) => void setTimeout(() => ws.send(m), Math.random() * maxOneWayMs));
      });
    }));
  }
  // Let the first burst land before judging the estimate.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const errors: number[][] = pages.map(() => []);
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const offsets = await Promise.all(pages.map((p) => p.getByTestId('player').getAttribute('data-clock-offset')));
    offsets.forEach((o, i) => errors[i]!.push(Math.abs(Number(o) - (trueOffset - shifts[i]!))));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  for (const p of pages) await p.context().close();
  const rows = errors.map((e, i) => {
    const s = summarise(e);
    return [`shift ${shifts[i]} ms`, String(s.count), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
  });
  const all = summarise(errors.flat());
  rows.push(['all', String(all.count), ms(all.p50), ms(all.p95), ms(all.p99), ms(all.max)]);
  console.log(table(['page', 'samples', 'p50', 'p95', 'p99', 'max'], rows));
  return [{ id: 'P3', what: `clock offset error (0–${maxOneWayMs} ms one-way jitter) p50 / p99`, value: `${ms(all.p50)} / ${ms(all.p99)} ms`, target: 'p99 ≤ 2 ms', pass: all.p99 <= 2 }];
}
