import { readFixture } from './media.ts';

/**
 * Valid but hostile containers: tiny files whose structure makes a naive walker do work out of
 * all proportion to their size (many empty filler elements). Used to check that probing stays
 * bounded (MEDIA-6).
 */

/** An EBML element: id (with its length marker, as written) + 8-byte size + body. */
function ebml(id: number, body: Buffer): Buffer {
  const idBytes = Buffer.from(id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'), 'hex');
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(body.length), 0);
  size[0] = 0x01; // 8-byte vint marker
  return Buffer.concat([idBytes, size, body]);
}

function ebmlUint(id: number, value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value, 0);
  return ebml(id, b);
}

function ebmlDouble(id: number, value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(value, 0);
  return ebml(id, b);
}

/** Void elements (id 0xEC) of size 0: two bytes each. */
export function voidElements(count: number): Buffer {
  const out = Buffer.alloc(count * 2);
  for (let i = 0; i < count; i++) {
    out[i * 2] = 0xec;
    out[i * 2 + 1] = 0x80;
  }
  return out;
}

/**
 * A WebM (10 s, one VP9 video track, one cluster) with `voids` two-byte Void elements in its
 * segment, placed before the first cluster, after it, or inside Tracks. 20,000 of them make a 40 KB file.
 */
export function webmWithVoids(voids: number, where: 'beforeCluster' | 'afterCluster' | 'inTracks' = 'beforeCluster'): Buffer {
  const header = ebml(0x1a45dfa3, Buffer.concat([ebmlUint(0x4286, 1), ebml(0x4282, Buffer.from('webm', 'latin1'))]));
  const info = ebml(0x1549a966, Buffer.concat([ebmlUint(0x2ad7b1, 1_000_000), ebmlDouble(0x4489, 10_000)]));
  const video = ebml(0xe0, Buffer.concat([ebmlUint(0xb0, 320), ebmlUint(0xba, 180)]));
  const track = ebml(0xae, Buffer.concat([ebmlUint(0xd7, 1), ebmlUint(0x83, 1), ebml(0x86, Buffer.from('V_VP9', 'latin1')), video]));
  const filler = voidElements(voids);
  const tracks = ebml(0x1654ae6b, where === 'inTracks' ? Buffer.concat([track, filler]) : track);
  // A cluster with its timecode and one (meaningless) simple block: the walker never decodes it.
  const cluster = ebml(0x1f43b675, Buffer.concat([ebmlUint(0xe7, 0), ebml(0xa3, Buffer.from([0x81, 0, 0, 0x80, 1, 2, 3, 4]))]));
  const body = where === 'beforeCluster' ? [info, tracks, filler, cluster] : where === 'afterCluster' ? [info, tracks, cluster, filler] : [info, tracks, cluster];
  return Buffer.concat([header, ebml(0x18538067, Buffer.concat(body))]);
}

/** `count` empty top-level `free` boxes (8 bytes each). */
export function freeBoxes(count: number): Buffer {
  const out = Buffer.alloc(count * 8);
  for (let i = 0; i < count; i++) {
    out.writeUInt32BE(8, i * 8);
    out.write('free', i * 8 + 4, 'latin1');
  }
  return out;
}

/**
 * The MP4 fixture followed by `count` empty `free` boxes (appending keeps the chunk offsets
 * valid). 99,990 of them make a file of about 1 MB.
 */
export function mp4WithFreeBoxes(count: number): Buffer {
  return Buffer.concat([readFixture('mp4'), freeBoxes(count)]);
}

/** The MP4 fixture followed by `count` (moof, mdat) pairs: the shape of a long fragmented file. */
export function mp4WithFragments(count: number): Buffer {
  const pair = Buffer.alloc(16);
  pair.writeUInt32BE(8, 0);
  pair.write('moof', 4, 'latin1');
  pair.writeUInt32BE(8, 8);
  pair.write('mdat', 12, 'latin1');
  return Buffer.concat([readFixture('mp4'), ...Array.from({ length: count }, () => pair)]);
}
