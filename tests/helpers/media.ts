import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import * as tus from 'tus-js-client';
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

/** The standard tus-js-client, as the browser will use it (the CSRF token and, in Node, the cookie as headers). */
export interface TusRun {
  upload: tus.Upload;
  /** Every request the client made: method and, for PATCH, its Upload-Offset. */
  requests: string[];
  /** Resolves with null on success or the error that ended the upload. */
  done: Promise<tus.DetailedError | Error | null>;
}

export function tusUpload(
  endpoint: string,
  headers: Record<string, string>,
  data: Buffer,
  opts: { metadata?: Record<string, string>; uploadUrl?: string; onProgress?: (sent: number, total: number, upload: tus.Upload) => void; retryDelays?: number[] } = {},
): TusRun {
  let resolve!: (v: tus.DetailedError | Error | null) => void;
  const done = new Promise<tus.DetailedError | Error | null>((r) => (resolve = r));
  const requests: string[] = [];
  const upload: tus.Upload = new tus.Upload(data, {
    endpoint,
    uploadUrl: opts.uploadUrl ?? null,
    headers,
    metadata: opts.metadata ?? { filename: 'gesprek.mp4', filetype: 'video/mp4' },
    retryDelays: opts.retryDelays ?? [0, 20, 50, 100, 200, 400],
    storeFingerprintForResuming: false,
    onProgress: (sent, total) => opts.onProgress?.(sent, total, upload),
    onBeforeRequest: (req) => {
      const offset = req.getHeader('Upload-Offset');
      requests.push(offset === undefined ? req.getMethod() : `${req.getMethod()} ${offset}`);
    },
    onSuccess: () => resolve(null),
    onError: (err) => resolve(err),
  });
  upload.start();
  return { upload, requests, done };
}

/** Status code of a tus error's response (tus-js-client's DetailedError), or null. */
export function tusStatus(err: unknown): number | null {
  const res = (err as { originalResponse?: { getStatus(): number } } | null)?.originalResponse;
  return res ? res.getStatus() : null;
}

export function tusErrorCode(err: unknown): string | null {
  const res = (err as { originalResponse?: { getBody(): string } } | null)?.originalResponse;
  try {
    return res ? ((JSON.parse(res.getBody()) as { error?: { code?: string } }).error?.code ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * A TCP proxy in front of the server that drops the first connection which has carried more
 * than `killAfterBytes` from the client (a dropped connection mid-upload); later connections pass.
 */
export async function startKillingProxy(targetPort: number, killAfterBytes: number): Promise<{ url: string; killed: Promise<void>; close(): Promise<void> }> {
  let onKilled!: () => void;
  const killed = new Promise<void>((r) => (onKilled = r));
  let done = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let seen = 0;
    client.on('data', (d: Buffer) => {
      seen += d.length;
      if (!done && seen > killAfterBytes) {
        done = true;
        client.destroy();
        upstream.destroy();
        onKilled();
        return;
      }
      if (!upstream.write(d)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    killed,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Every file under `dir`, recursively. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}
