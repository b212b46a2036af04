import fs from 'node:fs';
import path from 'node:path';
import type { RandomReader } from '../../server/media/probe.ts';

/** Committed test media (made once with ffmpeg; CI has no ffmpeg): 10 s, 320x180, H.264+AAC / VP9+Opus. */
export const fixtureDir = path.resolve(import.meta.dirname, '../fixtures/media');
export const fixtures = {
  mp4: path.join(fixtureDir, 'sample.mp4'),
  mp4MoovAtEnd: path.join(fixtureDir, 'sample-moov-at-end.mp4'),
  webm: path.join(fixtureDir, 'sample.webm'),
  mov: path.join(fixtureDir, 'sample.mov'),
} as const;

export function readFixture(name: keyof typeof fixtures): Buffer {
  return fs.readFileSync(fixtures[name]);
}

export function memoryReader(buf: Buffer): RandomReader {
  return { size: buf.length, read: (pos, len) => Promise.resolve(buf.subarray(pos, Math.min(buf.length, pos + len))) };
}

/** A distinctive 32-byte sequence that occurs nowhere by chance. */
export const canary = Buffer.from('KIJKRUIMTE-CANARY-9f4c2e7a61d8b3', 'latin1');

/**
 * Embeds `payload` (repeated) in a valid MP4 without breaking it: a top-level `free` box appended
 * at the end, which every player and our parser skip. (Appending keeps the absolute chunk offsets
 * in the index valid, which inserting before `mdat` would not.)
 */
export function withFreeBox(mp4: Buffer, payload: Buffer, repeat = 1): Buffer {
  const body = Buffer.concat(Array.from({ length: repeat }, () => payload));
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write('free', 4, 'latin1');
  return Buffer.concat([mp4, header, body]);
}
