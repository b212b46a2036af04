import type { BenchOptions, BenchmarkResult } from './lib/report.ts';
export function docLoad(_opts: BenchOptions): Promise<BenchmarkResult> {
  return Promise.resolve({ name: 'doc-load', checks: [], notes: [] });
}
