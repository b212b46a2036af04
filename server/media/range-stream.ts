import { Readable } from 'node:stream';
import type { EncryptedReader } from './format.ts';
import { CHUNK_BYTES, MediaFormatError, RECORD_BYTES, RECORD_OVERHEAD, recordPos } from './record.ts';

/** A plaintext byte range of an encrypted file as a stream (`EncryptedReader.stream`). */
export class RangeStream extends Readable {
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
