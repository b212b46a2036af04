import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzProtocol } from '../fuzz/protocol.ts';
import { startProtocolRig, type ProtocolRig } from '../fuzz/protocol-rig.ts';

/** Fixed in CI so a failure replays exactly (`npm run fuzz -- --only protocol --seed 1701`). */
const SEED = 1701;
const MESSAGES = 100_000;

let rig: ProtocolRig;
beforeAll(async () => {
  rig = await startProtocolRig();
});
afterAll(async () => rig?.close());

describe('FUZZ-1 protocol fuzzing: mutated real messages never crash, hang or change what was refused', () => {
  it(`${MESSAGES.toLocaleString('en')} messages over raw sockets (seed ${SEED})`, { timeout: 240_000 }, async () => {
    const report = await fuzzProtocol({ seed: SEED, messages: MESSAGES, targets: rig.targets, checks: rig.checks });
    expect(report.sent).toBe(MESSAGES);
    // The server closed sockets for refused input (and the run reopened them)…
    expect(report.sockets).toBeGreaterThan(1_000);
    // …and the bystander room and /api/health were checked throughout (every 5,000 messages).
    expect(report.checks).toBeGreaterThanOrEqual(MESSAGES / 5_000 - 1);
    // A room that only received refused input is stored exactly as before.
    for (const r of await rig.unchanged()) expect(r, r.room).toEqual({ room: r.room, same: true });
  });
});
