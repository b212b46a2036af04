/** What every benchmark hands back to `bench/run.ts` for the final summary. */

export interface Check {
  /** Target id from the table in bench/README.md (P1, P2, P3b, P4, …). */
  id: string;
  what: string;
  /** Measured value, formatted. */
  value: string;
  /** Target, formatted (e.g. "≤ 25 ms (goal ≤ 10 ms)"). */
  target: string;
  /** Meets the floor; null when the figure could not be measured. */
  pass: boolean | null;
  /** Also meets the goal (bench/README.md), when a separate goal exists. */
  goal?: boolean | null;
}

export interface BenchmarkResult {
  name: string;
  checks: Check[];
  /** Anything worth reading in the summary (lost deliveries, warnings, …). */
  notes: string[];
}

/** How the server child processes run; see `commandFor` in lib/servers.ts. */
export type Runtime = 'deployed' | 'tsx' | 'node';

export interface BenchOptions {
  quick: boolean;
  /** Rounds per server for side-by-side benchmarks (0 = the benchmark's default). */
  rounds: number;
  /** How the server children run: as shipped, both under tsx, or both bundled under plain node. */
  runtime: Runtime;
  /** Scenario filter for edit-latency (e.g. ["p1"]); empty = the benchmark's default set. */
  scenarios: string[];
  /** Override of the measurement window in seconds (0 = default). */
  seconds: number;
  /** Reruns of an edit-latency run that other processes disturbed (-1 = default: 1, quick 0). */
  retries: number;
}

export function verdict(pass: boolean | null): string {
  return pass === null ? 'n/a' : pass ? 'PASS' : 'MISS';
}
