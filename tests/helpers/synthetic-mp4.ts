/**
 * A small, structurally valid MP4 built in the test (no codec data): one video track of
 * one-second samples whose bytes the test chooses, so a test can tell which second of the
 * recording any served byte came from (FRAGLINK-2 canaries). Players cannot decode it; the
 * server's probe and sample tables can read it.
 */
/** An ISO-BMFF box: size, type, body. */
export const box = (type: string, ...body: Buffer[]): Buffer => {
  const payload = Buffer.concat(body);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
};
export const u32 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v, i * 4));
  return b;
};
/** A full box: version and flags (0), then the fields. */
export const full = (type: string, ...fields: number[]): Buffer => box(type, u32(0, ...fields));

/** The bytes of second `i` of a synthetic recording: a pattern naming that second, repeated. */
export function secondPattern(i: number, bytes: number): Buffer {
  const tag = Buffer.from(`SECOND-${String(i).padStart(3, '0')}-CANARY-7c1e|`, 'latin1');
  return Buffer.alloc(bytes, tag);
}

export function syntheticMp4(opts: { seconds: number; sampleBytes: number; keyEvery: number }): Buffer {
  const { seconds, sampleBytes, keyEvery } = opts;
  const ftyp = box('ftyp', Buffer.from('isom'), u32(512), Buffer.from('isomiso2mp41'));
  const moovFor = (mdatStart: number): Buffer => {
    const keys = Array.from({ length: Math.ceil(seconds / keyEvery) }, (_, k) => k * keyEvery + 1);
    const stsd = box('stsd', u32(0, 1), box('avc1', Buffer.alloc(78)));
    const stbl = box(
      'stbl',
      stsd,
      full('stts', 1, seconds, 1000),
      full('stss', keys.length, ...keys),
      full('stsc', 1, 1, 1, 1),
      full('stsz', sampleBytes, seconds),
      full('stco', seconds, ...Array.from({ length: seconds }, (_, i) => mdatStart + 8 + i * sampleBytes)),
    );
    const hdlr = box('hdlr', u32(0, 0), Buffer.from('vide'), Buffer.alloc(12), Buffer.from('Video\0'));
    const mdhd = full('mdhd', 0, 0, 1000, seconds * 1000, 0);
    const tkhd = box('tkhd', u32(3, 0, 0, 1, 0, seconds * 1000), Buffer.alloc(52), u32(320 << 16, 180 << 16));
    const mvhd = box('mvhd', u32(0, 0, 0, 1000, seconds * 1000), Buffer.alloc(76), u32(2));
    return box('moov', mvhd, box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', box('vmhd', u32(1, 0, 0)), stbl))));
  };
  const moovLen = moovFor(0).length;
  const moov = moovFor(ftyp.length + moovLen);
  const samples = Array.from({ length: seconds }, (_, i) => secondPattern(i, sampleBytes));
  return Buffer.concat([ftyp, moov, box('mdat', ...samples)]);
}

/**
 * A fragmented MP4 (`moov` with `mvex`, then `moof` + `mdat` pairs) made from an ordinary one
 * with mp4box.js, the way live recorders and MediaRecorder-based tools write them.
 */
export async function fragmentedMp4(mp4: Buffer, samplesPerFragment = 50): Promise<Buffer> {
  const { createFile } = await import('mp4box');
  const f = createFile();
  const parts: Buffer[] = [];
  f.onReady = (info) => {
    for (const t of info.tracks) f.setSegmentOptions(t.id, null, { nbSamples: samplesPerFragment });
    const init = f.initializeSegmentation();
    parts.push(Buffer.from(init.buffer));
    f.start();
  };
  f.onSegment = (_id: number, _user: unknown, buffer: ArrayBuffer) => {
    parts.push(Buffer.from(buffer));
  };
  const ab = mp4.buffer.slice(mp4.byteOffset, mp4.byteOffset + mp4.byteLength) as ArrayBuffer & { fileStart: number };
  ab.fileStart = 0;
  f.appendBuffer(ab as never);
  f.flush();
  return Buffer.concat(parts);
}
