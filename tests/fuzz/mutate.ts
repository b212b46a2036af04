import { randomInt, seededRandom } from '../helpers/random.ts';

/**
 * Seeded byte mutations shared by the fuzzers. Every case is generated from `(seed, iteration)`
 * alone (its own PRNG), so a failure names both and one case can be replayed without running the
 * ones before it.
 */
export type Rand = () => number;

export function caseRandom(seed: number, iteration: number): Rand {
  // Golden-ratio step keeps neighbouring iterations' streams apart.
  return seededRandom((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(iteration + 1, 0x85ebca6b)) >>> 0);
}

export function pick<T>(rand: Rand, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[randomInt(rand, items.length)]!;
}

export function randomBytes(rand: Rand, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = randomInt(rand, 256);
  return out;
}

/** Bytes that stress varint and length decoders: boundaries of 7-bit groups and sign bits. */
const interesting = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x3f, 0x40, 0xc0];

export type ByteMutation = 'flip' | 'set' | 'interesting' | 'truncate' | 'extend' | 'duplicate' | 'remove' | 'swap' | 'splice';
export const byteMutations: readonly ByteMutation[] = ['flip', 'set', 'interesting', 'truncate', 'extend', 'duplicate', 'remove', 'swap', 'splice'];

/** One mutation of `base` (never in place); `other` feeds the splice. */
export function mutateBytes(rand: Rand, base: Uint8Array, kind: ByteMutation, other: Uint8Array = base): Uint8Array {
  const m = base.slice();
  const at = () => randomInt(rand, Math.max(1, m.length));
  switch (kind) {
    case 'flip':
      for (let f = 0; f < 1 + randomInt(rand, 4) && m.length > 0; f++) m[at()]! ^= 1 << randomInt(rand, 8);
      return m;
    case 'set':
      for (let f = 0; f < 1 + randomInt(rand, 4) && m.length > 0; f++) m[at()] = randomInt(rand, 256);
      return m;
    case 'interesting':
      if (m.length > 0) m[at()] = pick(rand, interesting);
      return m;
    case 'truncate':
      return m.subarray(0, randomInt(rand, m.length + 1)).slice();
    case 'extend':
      return concat(m, randomBytes(rand, 1 + randomInt(rand, 16)));
    case 'duplicate': {
      const from = at();
      const len = 1 + randomInt(rand, Math.max(1, Math.min(64, m.length - from)));
      const piece = m.subarray(from, from + len);
      const to = at();
      return concat(m.subarray(0, to), piece, m.subarray(to));
    }
    case 'remove': {
      const from = at();
      const len = 1 + randomInt(rand, 16);
      return concat(m.subarray(0, from), m.subarray(from + len));
    }
    case 'swap': {
      const a = at();
      const b = at();
      const t = m[a]!;
      m[a] = m[b]!;
      m[b] = t;
      return m;
    }
    case 'splice':
      return concat(m.subarray(0, at()), other.subarray(randomInt(rand, Math.max(1, other.length))));
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A failure that names how to replay it. */
export class FuzzFailure extends Error {
  constructor(
    readonly fuzzer: string,
    readonly seed: number,
    readonly iteration: number,
    detail: string,
  ) {
    super(`${fuzzer} failed at seed ${seed}, iteration ${iteration}: ${detail} (replay: npm run fuzz -- --only ${fuzzer} --seed ${seed})`);
    this.name = 'FuzzFailure';
  }
}

/** Resolves with the value, or rejects after `ms` with `what` (the fuzzers' 2-second hang rule). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // The timer phase runs before I/O polling: on a starved machine the answer may already wait in
    // a socket buffer when the timer fires. Two turns of I/O first, then it is a hang.
    timer = setTimeout(() => setImmediate(() => setImmediate(() => reject(new Error(`hang: ${what} took over ${ms} ms`)))), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
