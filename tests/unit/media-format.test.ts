import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  EncryptedReader,
  EncryptedWriter,
  encryptedSize,
  HEADER_BYTES,
  RECORD_BYTES,
  RECORD_OVERHEAD,
  recordPos,
} from '../../server/media/format.ts';
import { KeyRing, loadMasterKey, parseMasterKey } from '../../server/media/keys.ts';
import { parseRange } from '../../server/media/range.ts';
import { randomInt, seededRandom } from '../helpers/random.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kijkruimte-format-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = () => path.join(dir, `f${n++}.kjm`);

async function encrypt(plain: Buffer, key: Buffer, pieces: number[] = [plain.length]): Promise<string> {
  const p = file();
  await EncryptedWriter.create(p);
  let at = 0;
  // Each piece is written by a fresh writer (as a resumed upload would), flushed in between.
  for (const len of pieces) {
    const w = await EncryptedWriter.open(p, key);
    expect(w.offset).toBe(at);
    await w.write(plain.subarray(at, at + len));
    await w.flush();
    await w.close();
    at += len;
  }
  return p;
}

describe('MEDIA-3 chunked AES-256-GCM file format', () => {
  const key = crypto.randomBytes(32);
  const plain = crypto.randomBytes(3 * CHUNK_BYTES + 1234);

  it('round-trips, with the size the format predicts and no plaintext on disk', async () => {
    const p = await encrypt(plain, key);
    const disk = fs.readFileSync(p);
    expect(disk.length).toBe(encryptedSize(plain.length));
    expect(disk.includes(plain.subarray(1000, 1032))).toBe(false);
    const r = await EncryptedReader.open(p, key, plain.length);
    expect((await r.read(0, plain.length)).equals(plain)).toBe(true);
    await r.close();
  });

  it('keeps its own copy of the key: callers wipe theirs, the file is sealed with the real key', async () => {
    const real = crypto.randomBytes(32);
    const given = Buffer.from(real);
    const p = file();
    await EncryptedWriter.create(p);
    const w = await EncryptedWriter.open(p, given);
    given.fill(0);
    await w.write(plain);
    await w.flush();
    await w.close();
    const zero = await EncryptedReader.open(p, Buffer.alloc(32), plain.length);
    await expect(zero.read(0, 16)).rejects.toThrow();
    await zero.close();
    const readerKey = Buffer.from(real);
    const r = await EncryptedReader.open(p, readerKey, plain.length);
    readerKey.fill(0);
    expect((await r.read(0, plain.length)).equals(plain)).toBe(true);
    await r.close();
  });

  it('resumes across chunk boundaries: partial last chunks are re-sealed under fresh nonces', async () => {
    const p = await encrypt(plain, key, [10, 5, CHUNK_BYTES, CHUNK_BYTES + 7, plain.length - (2 * CHUNK_BYTES + 22)]);
    const r = await EncryptedReader.open(p, key, plain.length);
    expect((await r.read(0, plain.length)).equals(plain)).toBe(true);
    await r.close();
    const disk = fs.readFileSync(p);
    const nonces = new Set<string>();
    for (let i = 0; i * CHUNK_BYTES < plain.length; i++) nonces.add(disk.subarray(recordPos(i), recordPos(i) + 12).toString('hex'));
    expect(nonces.size).toBe(Math.ceil(plain.length / CHUNK_BYTES));
  });

  it('a torn last record (crash mid-write) is dropped on resume', async () => {
    const p = await encrypt(plain.subarray(0, 2 * CHUNK_BYTES), key);
    fs.truncateSync(p, HEADER_BYTES + RECORD_BYTES + 100);
    const w = await EncryptedWriter.open(p, key);
    expect(w.offset).toBe(CHUNK_BYTES);
    await w.close();
  });

  it('any random range decrypts to the original bytes (property, seeded)', async () => {
    const p = await encrypt(plain, key);
    const rand = seededRandom(7);
    for (let k = 0; k < 200; k++) {
      const start = randomInt(rand, plain.length);
      const end = Math.min(plain.length - 1, start + randomInt(rand, 3 * CHUNK_BYTES));
      const r = await EncryptedReader.open(p, key, plain.length);
      const parts: Buffer[] = [];
      for await (const part of r.stream(start, end, 1 + randomInt(rand, 4))) parts.push(part as Buffer);
      expect(Buffer.concat(parts).equals(plain.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
  });

  it('refuses tampering: a flipped bit, swapped records, a wrong key', async () => {
    const p = await encrypt(plain, key);
    const disk = fs.readFileSync(p);
    const flipped = Buffer.from(disk);
    flipped[recordPos(1) + 20]! ^= 1;
    fs.writeFileSync(p, flipped);
    let r = await EncryptedReader.open(p, key, plain.length);
    await expect(r.read(CHUNK_BYTES, 10)).rejects.toThrow();
    await r.close();
    const swapped = Buffer.from(disk);
    disk.copy(swapped, recordPos(0), recordPos(1), recordPos(2));
    disk.copy(swapped, recordPos(1), recordPos(0), recordPos(1));
    fs.writeFileSync(p, swapped);
    r = await EncryptedReader.open(p, key, plain.length);
    await expect(r.read(0, 10)).rejects.toThrow();
    await r.close();
    fs.writeFileSync(p, disk);
    r = await EncryptedReader.open(p, crypto.randomBytes(32), plain.length);
    await expect(r.read(0, 10)).rejects.toThrow();
    await r.close();
    expect(RECORD_OVERHEAD).toBe(28);
  });
});

describe('MEDIA-3 file keys wrapped by the master key', () => {
  it('wraps and unwraps; a wrong master key or key id fails', () => {
    const ring = new KeyRing(crypto.randomBytes(32));
    const k = KeyRing.newFileKey();
    const w = ring.wrap('id-1', k);
    expect(ring.unwrap('id-1', w).equals(k)).toBe(true);
    expect(() => ring.unwrap('id-2', w)).toThrow();
    expect(() => new KeyRing(crypto.randomBytes(32)).unwrap('id-1', w)).toThrow();
  });

  it('generates master.key once in the data directory (0600) and reads hex or base64 from the environment', () => {
    const d = fs.mkdtempSync(path.join(dir, 'mk-'));
    const a = loadMasterKey(d, null);
    expect(loadMasterKey(d, null).equals(a)).toBe(true);
    expect(fs.statSync(path.join(d, 'master.key')).mode & 0o777).toBe(0o600);
    const hex = crypto.randomBytes(32).toString('hex');
    expect(parseMasterKey(hex).toString('hex')).toBe(hex);
    expect(parseMasterKey(Buffer.from(hex, 'hex').toString('base64')).toString('hex')).toBe(hex);
    expect(() => parseMasterKey('too-short')).toThrow();
  });
});

describe('MEDIA-4 Range header parsing', () => {
  it.each([
    [undefined, 100, { kind: 'full' }],
    ['bytes=0-', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=10-19', 100, { kind: 'partial', start: 10, end: 19 }],
    ['bytes=90-200', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-1000', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=0-1, 50-60', 100, { kind: 'partial', start: 0, end: 60 }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=20-10', 100, { kind: 'full' }],
    ['items=0-1', 100, { kind: 'full' }],
    ['bytes=abc', 100, { kind: 'full' }],
  ] as const)('%s of %d', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});
