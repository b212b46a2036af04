import crypto from 'node:crypto';

/**
 * The encrypted media file format ("KJKM", version 1).
 *
 *   header (16 bytes): "KJKM" | version u8 = 1 | 3 zero bytes | chunk size u32 BE | 4 zero bytes
 *   records: for each plaintext chunk i (64 KiB, the last one may be shorter):
 *            nonce (12 random bytes) | AES-256-GCM ciphertext | tag (16 bytes)
 *
 * Each file has its own random 256-bit key. A record's additional authenticated data is the
 * header plus the chunk index (u64 BE), so records cannot be reordered, moved to another position
 * or mixed with another file's header. Records sit at fixed positions (`recordPos`), so any
 * plaintext byte range is decrypted by reading only the records it touches.
 *
 * Nonces are random per record, never derived from the index: a resumed upload re-seals its
 * partial last chunk (with more data) under a fresh nonce, so no (key, nonce) pair is ever used
 * for two different plaintexts. With at most 2^16 records per key (4 GiB) the collision
 * probability of random 96-bit nonces is negligible (far below NIST's 2^-32 bound).
 */
export const CHUNK_BYTES = 64 * 1024;
export const HEADER_BYTES = 16;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const RECORD_OVERHEAD = NONCE_BYTES + TAG_BYTES;
export const RECORD_BYTES = CHUNK_BYTES + RECORD_OVERHEAD;
const MAGIC = Buffer.from('KJKM', 'latin1');
const VERSION = 1;

export class MediaFormatError extends Error {
  override name = 'MediaFormatError';
}

export function makeHeader(chunkBytes = CHUNK_BYTES): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(h, 0);
  h.writeUInt8(VERSION, 4);
  h.writeUInt32BE(chunkBytes, 8);
  return h;
}

export function checkHeader(h: Buffer): void {
  if (h.length < HEADER_BYTES || !h.subarray(0, 4).equals(MAGIC) || h.readUInt8(4) !== VERSION || h.readUInt32BE(8) !== CHUNK_BYTES) {
    throw new MediaFormatError('not a KJKM v1 file');
  }
}

export function recordPos(index: number): number {
  return HEADER_BYTES + index * RECORD_BYTES;
}

/** Size of the encrypted file holding `plaintextBytes`. */
export function encryptedSize(plaintextBytes: number): number {
  const records = Math.ceil(plaintextBytes / CHUNK_BYTES);
  return HEADER_BYTES + plaintextBytes + records * RECORD_OVERHEAD;
}

function aad(header: Buffer, index: number): Buffer {
  const a = Buffer.allocUnsafe(HEADER_BYTES + 8);
  header.copy(a, 0, 0, HEADER_BYTES);
  a.writeBigUInt64BE(BigInt(index), HEADER_BYTES);
  return a;
}

/** Seals one chunk into `out` at `at` (nonce | ciphertext | tag); returns the record length. */
export function sealInto(key: Buffer, header: Buffer, index: number, plain: Buffer, out: Buffer, at: number): number {
  const nonce = out.subarray(at, at + NONCE_BYTES);
  crypto.randomFillSync(nonce);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(header, index));
  const ct = cipher.update(plain);
  ct.copy(out, at + NONCE_BYTES);
  const fin = cipher.final();
  if (fin.length) fin.copy(out, at + NONCE_BYTES + ct.length);
  cipher.getAuthTag().copy(out, at + NONCE_BYTES + plain.length);
  return plain.length + RECORD_OVERHEAD;
}

/** Opens one record; throws on any tampering (wrong key, position, header or content). */
export function openRecord(key: Buffer, header: Buffer, index: number, record: Buffer): Buffer {
  if (record.length < RECORD_OVERHEAD) throw new MediaFormatError('record too short');
  const nonce = record.subarray(0, NONCE_BYTES);
  const tag = record.subarray(record.length - TAG_BYTES);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad(header, index));
  decipher.setAuthTag(tag);
  const out = decipher.update(record.subarray(NONCE_BYTES, record.length - TAG_BYTES));
  decipher.final();
  return out;
}
