import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaSniffBytes, sniffMediaHead } from '../../shared/domain/media.ts';
import { sniff } from '../../server/media/probe.ts';

const media = path.resolve(import.meta.dirname, '../fixtures/media');
const head = (file: string): Buffer => fs.readFileSync(path.join(media, file)).subarray(0, mediaSniffBytes);

describe('MEDIA-8 the browser recognises a recording by its first bytes, as the server does', () => {
  it('agrees with the server on the sample files and on what is no video', () => {
    for (const file of ['sample.mp4', 'sample.mov', 'sample.webm', 'sample-moov-at-end.mp4']) {
      expect(sniffMediaHead(new Uint8Array(head(file))), file).toBe(sniff(head(file)));
      expect(sniffMediaHead(new Uint8Array(head(file))), file).not.toBeNull();
    }
    for (const bytes of [Buffer.from('Dit is geen video.'), Buffer.from('%PDF-1.7\n%âãÏÓ'), Buffer.alloc(12), Buffer.from([0, 0, 0])]) {
      expect(sniffMediaHead(new Uint8Array(bytes))).toBeNull();
      expect(sniff(bytes)).toBeNull();
    }
  });
});
