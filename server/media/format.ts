import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CHUNK_BYTES, checkHeader, encryptedSize, HEADER_BYTES, makeHeader, MediaFormatError, openRecord, RECORD_BYTES, RECORD_OVERHEAD, recordPos, sealInto } from './record.ts';
import { RangeStream } from './range-stream.ts';

// The record format itself (constants, sealing, opening) lives in record.ts; readers and writers here.
export * from './record.ts';

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

/** Decrypted records a reader keeps: small header reads next to each other share one record. */
const CACHED_RECORDS = 4;

/**
 * Random-access plaintext reads of a complete encrypted file. Each read decrypts only the records
 * it touches, and the last few are kept (wiped on close), so a walker reading many small headers
 * decrypts each record once instead of once per header.
 */
export class EncryptedReader {
  /** Own copy of the file key (callers may wipe theirs at once); wiped on close. */
  private readonly key: Buffer;
  private closed = false;
  /** Most recently used last (a Map keeps insertion order). */
  private readonly cache = new Map<number, Buffer>();
  /** Plaintext bytes decrypted so far: the work a caller caused, for its limits and tests. */
  decryptedBytes = 0;

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
    // Always a copy: callers own what they get, and the cached plaintext is wiped on close.
    return Buffer.concat(parts);
  }

  private async chunk(index: number): Promise<Buffer> {
    const hit = this.cache.get(index);
    if (hit) {
      this.cache.delete(index);
      this.cache.set(index, hit);
      return hit;
    }
    const plainLen = Math.min(CHUNK_BYTES, this.size - index * CHUNK_BYTES);
    const rec = Buffer.allocUnsafe(plainLen + RECORD_OVERHEAD);
    const { bytesRead } = await this.fh.read(rec, 0, rec.length, recordPos(index));
    if (bytesRead !== rec.length) throw new MediaFormatError('short read');
    const plain = this.decrypt(index, rec);
    this.cache.set(index, plain);
    for (const [old, buf] of this.cache) {
      if (this.cache.size <= CACHED_RECORDS) break;
      buf.fill(0);
      this.cache.delete(old);
    }
    return plain;
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
    this.decryptedBytes += record.length - RECORD_OVERHEAD;
    return openRecord(this.key, this.header, index, record);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.key.fill(0);
    for (const buf of this.cache.values()) buf.fill(0);
    this.cache.clear();
    await this.fh.close();
  }
}
