import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';

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

/**
 * Appends plaintext to an encrypted file as it streams in (plaintext never rests on disk).
 * `open` recovers the state a previous writer left: complete records, plus a partial last record
 * whose plaintext is taken back into memory and re-sealed (fresh nonce) once more data arrives.
 * A torn last record (a crash mid-write) fails authentication and is dropped.
 */
export class EncryptedWriter {
  /** Plaintext bytes accepted so far (on disk after `flush`). */
  offset: number;
  private fullRecords: number;
  private readonly pending: Buffer;
  private pendingLen = 0;
  private readonly batch: Buffer;
  private batchLen = 0;
  private batchStartIndex: number;

  /** Own copy of the file key (callers may wipe theirs at once); wiped on close. */
  private readonly key: Buffer;

  private constructor(
    private readonly fh: fs.FileHandle,
    key: Buffer,
    private readonly header: Buffer,
    fullRecords: number,
    partial: Buffer | null,
    batchRecords: number,
  ) {
    this.key = Buffer.alloc(key.length);
    key.copy(this.key);
    this.fullRecords = fullRecords;
    this.batchStartIndex = fullRecords;
    this.pending = Buffer.allocUnsafe(CHUNK_BYTES);
    this.batch = Buffer.allocUnsafe(batchRecords * RECORD_BYTES);
    if (partial) {
      partial.copy(this.pending, 0);
      this.pendingLen = partial.length;
    }
    this.offset = fullRecords * CHUNK_BYTES + this.pendingLen;
  }

  /** Creates a new, empty encrypted file (fails if it exists). */
  static async create(path: string): Promise<void> {
    const fh = await fs.open(path, 'wx', 0o600);
    try {
      await fh.write(makeHeader(), 0, HEADER_BYTES, 0);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  static async open(path: string, key: Buffer, batchRecords = 16): Promise<EncryptedWriter> {
    const fh = await fs.open(path, 'r+');
    try {
      const header = Buffer.alloc(HEADER_BYTES);
      await fh.read(header, 0, HEADER_BYTES, 0);
      checkHeader(header);
      const size = (await fh.stat()).size;
      const body = size - HEADER_BYTES;
      let full = Math.floor(body / RECORD_BYTES);
      const rem = body - full * RECORD_BYTES;
      let partial: Buffer | null = null;
      if (rem > RECORD_OVERHEAD) {
        const rec = Buffer.alloc(rem);
        await fh.read(rec, 0, rem, recordPos(full));
        try {
          partial = openRecord(key, header, full, rec);
        } catch {
          partial = null; // torn write: drop it
        }
      }
      // A full-size last record could also be torn only if the file ended inside the next one;
      // verify the last complete record so a crash mid-write never leaves garbage behind.
      if (!partial && full > 0 && rem > 0) {
        const rec = Buffer.alloc(RECORD_BYTES);
        await fh.read(rec, 0, RECORD_BYTES, recordPos(full - 1));
        try {
          openRecord(key, header, full - 1, rec);
        } catch {
          full -= 1;
        }
      }
      return new EncryptedWriter(fh, key, header, full, partial, batchRecords);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  /** The plaintext received so far while it is still within the first chunk (for sniffing). */
  head(): Buffer {
    return this.fullRecords === 0 ? Buffer.from(this.pending.subarray(0, this.pendingLen)) : Buffer.alloc(0);
  }

  /** Accepts plaintext; seals every complete chunk and writes in batches (awaits the disk). */
  async write(data: Buffer): Promise<void> {
    let at = 0;
    while (at < data.length) {
      const n = Math.min(CHUNK_BYTES - this.pendingLen, data.length - at);
      data.copy(this.pending, this.pendingLen, at, at + n);
      this.pendingLen += n;
      at += n;
      this.offset += n;
      if (this.pendingLen === CHUNK_BYTES) {
        this.batchLen += sealInto(this.key, this.header, this.fullRecords, this.pending, this.batch, this.batchLen);
        this.fullRecords++;
        this.pendingLen = 0;
        if (this.batchLen + RECORD_BYTES > this.batch.length) await this.writeBatch();
      }
    }
  }

  private async writeBatch(): Promise<void> {
    if (this.batchLen === 0) return;
    let done = 0;
    const pos = recordPos(this.batchStartIndex);
    while (done < this.batchLen) {
      const { bytesWritten } = await this.fh.write(this.batch, done, this.batchLen - done, pos + done);
      done += bytesWritten;
    }
    this.batchLen = 0;
    this.batchStartIndex = this.fullRecords;
  }

  /** Writes everything accepted so far, including the partial last chunk, and syncs to disk. */
  async flush(): Promise<void> {
    await this.writeBatch();
    let end = recordPos(this.fullRecords);
    if (this.pendingLen > 0) {
      const rec = Buffer.allocUnsafe(this.pendingLen + RECORD_OVERHEAD);
      sealInto(this.key, this.header, this.fullRecords, this.pending.subarray(0, this.pendingLen), rec, 0);
      await this.fh.write(rec, 0, rec.length, end);
      end += rec.length;
    }
    await this.fh.truncate(end);
    await this.fh.sync();
  }

  async close(): Promise<void> {
    this.pending.fill(0);
    this.key.fill(0);
    await this.fh.close();
  }
}

/** Random-access plaintext reads of a complete encrypted file. */
export class EncryptedReader {
  /** Own copy of the file key (callers may wipe theirs at once); wiped on close. */
  private readonly key: Buffer;
  private closed = false;

  private constructor(
    private readonly fh: fs.FileHandle,
    key: Buffer,
    private readonly header: Buffer,
    readonly size: number,
  ) {
    this.key = Buffer.alloc(key.length);
    key.copy(this.key);
  }

  static async open(path: string, key: Buffer, plaintextSize: number): Promise<EncryptedReader> {
    const fh = await fs.open(path, 'r');
    try {
      const header = Buffer.alloc(HEADER_BYTES);
      await fh.read(header, 0, HEADER_BYTES, 0);
      checkHeader(header);
      const st = await fh.stat();
      if (st.size !== encryptedSize(plaintextSize)) throw new MediaFormatError('encrypted file has the wrong size');
      return new EncryptedReader(fh, key, header, plaintextSize);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  /** Plaintext bytes [pos, pos + len), clipped at the end of the file. */
  async read(pos: number, len: number): Promise<Buffer> {
    const end = Math.min(this.size, pos + len);
    if (pos >= end) return Buffer.alloc(0);
    const first = Math.floor(pos / CHUNK_BYTES);
    const last = Math.floor((end - 1) / CHUNK_BYTES);
    const parts: Buffer[] = [];
    for (let i = first; i <= last; i++) {
      const plain = await this.chunk(i);
      const from = i === first ? pos - i * CHUNK_BYTES : 0;
      const to = i === last ? end - i * CHUNK_BYTES : plain.length;
      parts.push(plain.subarray(from, to));
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  private async chunk(index: number): Promise<Buffer> {
    const plainLen = Math.min(CHUNK_BYTES, this.size - index * CHUNK_BYTES);
    const rec = Buffer.allocUnsafe(plainLen + RECORD_OVERHEAD);
    const { bytesRead } = await this.fh.read(rec, 0, rec.length, recordPos(index));
    if (bytesRead !== rec.length) throw new MediaFormatError('short read');
    return openRecord(this.key, this.header, index, rec);
  }

  /**
   * A stream of plaintext bytes [start, endInclusive]. Reads up to `batchRecords` records per
   * disk read and decrypts them in one go; honours backpressure. Owns the file handle: it is
   * closed when the stream ends or is destroyed.
   */
  stream(start: number, endInclusive: number, batchRecords = 16): Readable {
    return new RangeStream(this, start, endInclusive, batchRecords);
  }

  /** @internal used by RangeStream */
  get handle(): fs.FileHandle {
    return this.fh;
  }
  /** @internal */
  decrypt(index: number, record: Buffer): Buffer {
    return openRecord(this.key, this.header, index, record);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.key.fill(0);
    await this.fh.close();
  }
}

class RangeStream extends Readable {
  private next: number;
  private readonly lastIndex: number;
  private readonly buf: Buffer;
  private reading = false;
  private again = false;
  private started = false;

  constructor(
    private readonly reader: EncryptedReader,
    private readonly start: number,
    private readonly endInclusive: number,
    private readonly batchRecords: number,
  ) {
    super({ highWaterMark: batchRecords * CHUNK_BYTES });
    this.next = Math.floor(start / CHUNK_BYTES);
    this.lastIndex = Math.floor(endInclusive / CHUNK_BYTES);
    this.buf = Buffer.allocUnsafe(batchRecords * RECORD_BYTES);
  }

  override _read(): void {
    if (this.reading) {
      // Asked again while a batch is in flight: read on once it lands, or the stream stalls.
      this.again = true;
      return;
    }
    this.reading = true;
    void this.pump().finally(() => {
      this.reading = false;
      if (this.again && !this.destroyed && this.next <= this.lastIndex) {
        this.again = false;
        this._read();
      }
    });
  }

  private async pump(): Promise<void> {
    try {
      if (this.next > this.lastIndex) {
        this.push(null);
        return;
      }
      const { size } = this.reader;
      // The first read is one record, so the first bytes leave at once (seek latency); then batches.
      const batch = this.started ? this.batchRecords : 1;
      this.started = true;
      const count = Math.min(batch, this.lastIndex - this.next + 1);
      const firstPos = recordPos(this.next);
      const endPlain = Math.min(size, (this.next + count) * CHUNK_BYTES);
      const endPos = recordPos(this.next + count - 1) + (endPlain - (this.next + count - 1) * CHUNK_BYTES) + RECORD_OVERHEAD;
      const want = endPos - firstPos;
      let got = 0;
      while (got < want) {
        const { bytesRead } = await this.reader.handle.read(this.buf, got, want - got, firstPos + got);
        if (bytesRead === 0) throw new MediaFormatError('short read');
        got += bytesRead;
      }
      if (this.destroyed) return;
      for (let k = 0; k < count; k++) {
        const index = this.next + k;
        const plainLen = Math.min(CHUNK_BYTES, size - index * CHUNK_BYTES);
        const off = k * RECORD_BYTES;
        let plain = this.reader.decrypt(index, this.buf.subarray(off, off + plainLen + RECORD_OVERHEAD));
        const base = index * CHUNK_BYTES;
        if (index === this.lastIndex) plain = plain.subarray(0, this.endInclusive - base + 1);
        if (base < this.start) plain = plain.subarray(this.start - base);
        this.push(plain);
      }
      this.next += count;
      if (this.next > this.lastIndex) this.push(null);
    } catch (err) {
      this.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.reader.close().then(
      () => cb(err),
      () => cb(err),
    );
  }
}
