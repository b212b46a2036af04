import { mediaBench, printMediaResult } from './media.ts';
import type { BenchOptions, BenchmarkResult } from './lib/report.ts';

/** Adapts the media benchmark (P5, P6) to the runner's summary. */
export async function mediaBenchmark(opts: BenchOptions): Promise<BenchmarkResult> {
  const r = await mediaBench({ quick: opts.quick });
  printMediaResult(r);
  const f = (n: number, d = 1) => n.toFixed(d);
  return {
    name: 'media',
    checks: [
      { id: 'P5', what: 'Range seek TTFB p95', value: `${f(r.ours.ttfbP95, 2)} ms (static ${f(r.fastifyStatic.ttfbP95, 2)} ms)`, target: '≤ 20 ms', pass: r.targets.ttfbP95 },
      { id: 'P5', what: 'encrypted streaming', value: `${f(r.ours.mbPerSecond, 0)} MB/s`, target: '≥ 300 MB/s', pass: r.targets.throughput },
      { id: 'P5', what: 'streaming vs @fastify/static', value: `${f(r.ratio, 2)}×`, target: '≥ 0.6×', pass: r.targets.ratio },
      { id: 'P6', what: 'server RSS growth, 2 GB upload', value: `${f(r.upload.rssGrowthMb)} MB`, target: '≤ 50 MB', pass: r.targets.rssGrowth },
    ],
    notes: [`recording ${(r.sizeBytes / 1e6).toFixed(0)} MB; upload resumed after a dropped connection at ${(r.upload.resumedAtBytes / 1e6).toFixed(0)} MB`],
  };
}
