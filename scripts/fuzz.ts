/**
 * `npm run fuzz -- --minutes N [--seed S] [--only protocol|media|json]`: the CI fuzzers
 * (tests/integration/fuzz-*.test.ts) in a loop for a nightly run. Each round uses the next seed
 * (S, S+1, …; S defaults to the time), so a failure prints the seed and iteration that replay it:
 * `npm run fuzz -- --only media --seed S --minutes 0` runs exactly one round with that seed.
 * Exits 1 on the first failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { accessFixture } from '../tests/helpers/access-fixture.ts';
import { fuzzJsonRoutes } from '../tests/fuzz/json-routes.ts';
import { fuzzProbe } from '../tests/fuzz/media.ts';
import { fuzzProtocol } from '../tests/fuzz/protocol.ts';
import { startProtocolRig } from '../tests/fuzz/protocol-rig.ts';

type Fuzzer = 'protocol' | 'media' | 'json';
const fuzzers: Fuzzer[] = ['protocol', 'media', 'json'];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const minutes = Number(option('minutes') ?? 10);
const firstSeed = Number(option('seed') ?? Date.now() % 2 ** 31);
const only = option('only') as Fuzzer | undefined;
if (!Number.isFinite(minutes) || minutes < 0 || !Number.isInteger(firstSeed) || (only && !fuzzers.includes(only))) {
  console.error('usage: npm run fuzz -- --minutes N [--seed S] [--only protocol|media|json]');
  process.exit(2);
}

const fixtureDir = path.resolve(import.meta.dirname, '../tests/fixtures/media');
const mediaFixtures = ['sample.mp4', 'sample-moov-at-end.mp4', 'sample.mov', 'sample.webm'].map((f) => new Uint8Array(fs.readFileSync(path.join(fixtureDir, f))));

/** One round of one fuzzer with the CI sizes; returns a one-line summary. */
async function round(fuzzer: Fuzzer, seed: number): Promise<string> {
  if (fuzzer === 'media') {
    const r = await fuzzProbe(seed, 1_000, mediaFixtures);
    return `${r.files} files, ${r.accepted} accepted, refused ${JSON.stringify(r.refused)}, at most ${r.maxReads} reads`;
  }
  if (fuzzer === 'protocol') {
    const rig = await startProtocolRig();
    try {
      const r = await fuzzProtocol({ seed, messages: 100_000, targets: rig.targets, checks: rig.checks });
      const changed = (await rig.unchanged()).filter((u) => !u.same);
      if (changed.length > 0) throw new Error(`protocol failed at seed ${seed}: refused input changed ${changed.map((c) => c.room).join(', ')}`);
      return `${r.sent} messages, ${r.sockets} sockets, slowest batch ${Math.round(r.slowestBatchMs)} ms, closes ${JSON.stringify(r.closeCodes)}`;
    } finally {
      await rig.close();
    }
  }
  const fx = await accessFixture();
  try {
    const r = await fuzzJsonRoutes({
      app: fx.app,
      seed,
      perRoute: 100,
      headersFor: fx.headersFor,
      params: { id: fx.cycleId, recordingId: fx.consentedRecordingId, mediaId: fx.mediaId },
    });
    return `${r.requests} requests over ${Object.keys(r.routes).length} routes`;
  } finally {
    await fx.close();
  }
}

const until = Date.now() + minutes * 60_000;
const totals: Record<Fuzzer, { rounds: number; seconds: number }> = { protocol: { rounds: 0, seconds: 0 }, media: { rounds: 0, seconds: 0 }, json: { rounds: 0, seconds: 0 } };
let seed = firstSeed;
let failed = false;
try {
  do {
    for (const fuzzer of only ? [only] : fuzzers) {
      const began = performance.now();
      const summary = await round(fuzzer, seed);
      const seconds = (performance.now() - began) / 1000;
      totals[fuzzer].rounds++;
      totals[fuzzer].seconds += seconds;
      console.log(`${fuzzer.padEnd(8)} seed ${seed}: ${summary} (${seconds.toFixed(1)} s)`);
    }
    seed++;
  } while (Date.now() < until);
} catch (err) {
  failed = true;
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
}
for (const [fuzzer, t] of Object.entries(totals)) if (t.rounds > 0) console.log(`${fuzzer}: ${t.rounds} rounds, ${(t.seconds / t.rounds).toFixed(1)} s per round`);
// Sockets closed by the server during the run may keep their close timers for a while.
process.exit(failed ? 1 : 0);
