/**
 * "Faststart" for MP4/MOV: a file whose index (moov) sits after the media data (mdat) makes a
 * browser fetch the end of the file before it can play or seek. The upload is rewritten with the
 * moov moved in front of the first mdat; every chunk offset (stco/co64) that pointed into the
 * moved region is shifted by the moov's size. Pure planning here; the service streams the
 * pieces through the decrypting reader into a freshly encrypted file.
 */
export interface TopBox {
  type: string;
  start: number;
  size: number;
}

/** The new file, in order: plaintext ranges of the original [start, end) and the patched moov. */
export type Piece = { kind: 'copy'; start: number; end: number } | { kind: 'moov' };

export interface FaststartPlan {
  moov: Buffer;
  pieces: Piece[];
}

const containers = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

/** Calls `visit` for every stco/co64 box inside `buf[from, to)`, descending into containers. */
function walk(buf: Buffer, from: number, to: number, visit: (type: 'stco' | 'co64', at: number, end: number) => void): void {
  let p = from;
  while (p + 8 <= to) {
    let size = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    let hs = 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(p + 8));
      hs = 16;
    } else if (size === 0) {
      size = to - p;
    }
    if (size < hs || p + size > to) throw new Error('malformed box inside moov');
    if (containers.has(type)) walk(buf, p + hs, p + size, visit);
    else if (type === 'stco' || type === 'co64') visit(type, p + hs, p + size);
    p += size;
  }
}

/**
 * Plans the rewrite, or returns null when it cannot be done safely (fragmented files, several
 * moov boxes, an offset that would no longer fit a 32-bit stco): the file is then only flagged.
 */
export function planFaststart(boxes: readonly TopBox[], moovBuf: Buffer): FaststartPlan | null {
  const moovs = boxes.filter((b) => b.type === 'moov');
  const firstMdat = boxes.findIndex((b) => b.type === 'mdat');
  if (moovs.length !== 1 || firstMdat < 0 || boxes.some((b) => b.type === 'moof')) return null;
  const moov = moovs[0]!;
  const mdat = boxes[firstMdat]!;
  if (moov.start < mdat.start || moovBuf.length !== moov.size) return null;
  const shiftFrom = mdat.start;
  const shiftTo = moov.start;
  const delta = moov.size;
  const patched = Buffer.from(moovBuf);
  const headerSize = patched.readUInt32BE(0) === 1 ? 16 : 8;
  let ok = true;
  walk(patched, headerSize, patched.length, (type, at, end) => {
    const count = patched.readUInt32BE(at + 4);
    const width = type === 'stco' ? 4 : 8;
    if (at + 8 + count * width > end) throw new Error('chunk offset table overruns its box');
    for (let i = 0; i < count; i++) {
      const pos = at + 8 + i * width;
      const offset = type === 'stco' ? patched.readUInt32BE(pos) : Number(patched.readBigUInt64BE(pos));
      if (offset < shiftFrom || offset >= shiftTo) continue;
      const moved = offset + delta;
      if (type === 'stco') {
        if (moved > 0xffffffff) ok = false;
        else patched.writeUInt32BE(moved, pos);
      } else {
        patched.writeBigUInt64BE(BigInt(moved), pos);
      }
    }
  });
  if (!ok) return null;
  const pieces: Piece[] = [];
  if (shiftFrom > 0) pieces.push({ kind: 'copy', start: 0, end: shiftFrom });
  pieces.push({ kind: 'moov' });
  pieces.push({ kind: 'copy', start: shiftFrom, end: shiftTo });
  const after = moov.start + moov.size;
  const total = boxes.length > 0 ? boxes[boxes.length - 1]!.start + boxes[boxes.length - 1]!.size : after;
  if (total > after) pieces.push({ kind: 'copy', start: after, end: total });
  return { moov: patched, pieces };
}

/** Every chunk offset in a moov (for tests and checks). */
export function chunkOffsets(moovBuf: Buffer): number[] {
  const out: number[] = [];
  const headerSize = moovBuf.readUInt32BE(0) === 1 ? 16 : 8;
  walk(moovBuf, headerSize, moovBuf.length, (type, at) => {
    const count = moovBuf.readUInt32BE(at + 4);
    for (let i = 0; i < count; i++) {
      out.push(type === 'stco' ? moovBuf.readUInt32BE(at + 8 + i * 4) : Number(moovBuf.readBigUInt64BE(at + 8 + i * 8)));
    }
  });
  return out;
}
