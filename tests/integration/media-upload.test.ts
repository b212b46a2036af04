import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptedReader } from '../../server/media/format.ts';
import type { RecordingsResponse } from '../../shared/domain/media.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';
import { listFiles, readFixture, startKillingProxy, tusErrorCode, tusStatus, tusUpload, withFreeBox } from '../helpers/media.ts';
import { withTestSql } from '../helpers/test-sql.ts';

/** A valid MP4 of about `mb` MB: the fixture plus a trailing `free` box of random bytes. */
function bigMp4(mb: number): Buffer {
  return withFreeBox(readFixture('mp4'), crypto.randomBytes(mb * 1024 * 1024));
}

let fx: AccessFixture;
let port: number;
beforeAll(async () => {
  fx = await accessFixture();
  port = Number(new URL(fx.url).port);
});
afterAll(async () => fx.close());

const endpoint = (base: string) => `${base}/api/cycles/${fx.cycleId}/uploads`;
const ownerHeaders = () => fx.headersFor('owner');

/** What a refused upload must not leave behind: files, rows, keys, recordings. */
function snapshot(): Promise<{ files: string[]; media: number; keys: number; recordings: number }> {
  return withTestSql(fx.app.config, async (db) => {
    const n = async (t: string) => (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))!.n;
    return {
      files: listFiles(path.join(fx.app.config.dataDir, 'media')).sort(),
      media: await n('media_files'),
      keys: await n('media_keys'),
      recordings: await n('recordings'),
    };
  });
}

async function streamAll(mediaId: string): Promise<Buffer> {
  const res = await fetch(`${fx.url}/api/media/${mediaId}`, { headers: ownerHeaders() });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

function mediaIdOf(uploadUrl: string | null): string {
  return uploadUrl!.split('/').pop()!;
}

describe('MEDIA-1 resumable upload (tus, tus-js-client)', () => {
  it('a connection killed at about 50 % resumes and completes; the stored bytes are the original', async () => {
    const data = bigMp4(6);
    const proxy = await startKillingProxy(port, Math.floor(data.length / 2));
    try {
      const run = tusUpload(endpoint(proxy.url), ownerHeaders(), data);
      await proxy.killed;
      expect(await run.done).toBeNull();
      // Created, first PATCH from 0 cut off, offset asked (HEAD), resumed from where it stopped.
      expect(run.requests[0]).toBe('POST');
      expect(run.requests[1]).toBe('PATCH 0');
      expect(run.requests).toContain('HEAD');
      const resumedAt = Number(run.requests.at(-1)!.split(' ')[1]);
      // Whatever reached the server before the cut (TCP buffers hold some of the 50 %) is kept.
      expect(resumedAt).toBeGreaterThan(0);
      expect(resumedAt).toBeLessThan(data.length);
      const mediaId = mediaIdOf(run.upload.url);
      const row = (await fx.app.repos.media.media(mediaId))!;
      expect(row.status).toBe('ready');
      expect(row.sha256).toBe(crypto.createHash('sha256').update(data).digest('hex'));
      expect((await streamAll(mediaId)).equals(data)).toBe(true);
      // Plaintext never rests on disk: the encrypted file does not contain the plaintext.
      const file = path.join(fx.app.config.dataDir, 'media', `${mediaId}.kjm`);
      const disk = fs.readFileSync(file);
      expect(disk.includes(data.subarray(3_000_000, 3_000_064))).toBe(false);
      // Sealed with the file's own key: a wrong (e.g. all-zero) key opens nothing.
      const wrong = await EncryptedReader.open(file, Buffer.alloc(32), data.length);
      await expect(wrong.read(0, 16)).rejects.toThrow();
      await wrong.close();
    } finally {
      await proxy.close();
    }
  });

  it('pause at 50 %, then resume after a "page reload" (a new client given the upload URL)', async () => {
    const data = bigMp4(4);
    let paused!: () => void;
    const pausedAt = new Promise<void>((r) => (paused = r));
    const first = tusUpload(endpoint(fx.url), ownerHeaders(), data, {
      onProgress: (sent, total, upload) => {
        if (sent >= total / 2) {
          void upload.abort();
          paused();
        }
      },
    });
    await pausedAt;
    const url = first.upload.url!;
    // What the server has is a prefix, reported by HEAD (tus), never more than was sent.
    const head = await fetch(url, { method: 'HEAD', headers: { ...ownerHeaders(), 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('upload-length'))).toBe(data.length);
    expect(Number(head.headers.get('upload-offset'))).toBeLessThanOrEqual(data.length);
    const second = tusUpload(endpoint(fx.url), ownerHeaders(), data, { uploadUrl: url });
    expect(await second.done).toBeNull();
    expect((await streamAll(mediaIdOf(url))).equals(data)).toBe(true);
  });

  it('lists uploads with duration, tracks and the faststart flag; an index at the end is rewritten to faststart', async () => {
    const late = tusUpload(endpoint(fx.url), ownerHeaders(), readFixture('mp4MoovAtEnd'), { metadata: { label: 'video 2' } });
    expect(await late.done).toBeNull();
    const webm = tusUpload(endpoint(fx.url), ownerHeaders(), readFixture('webm'), { metadata: { label: 'video 3' } });
    expect(await webm.done).toBeNull();
    const res = await fetch(`${fx.url}/api/cycles/${fx.cycleId}/recordings`, { headers: ownerHeaders() });
    const body = (await res.json()) as RecordingsResponse;
    const byLabel = new Map(body.recordings.map((r) => [r.label, r]));
    const v2 = byLabel.get('video 2')!.media[0]!;
    expect(v2).toMatchObject({ status: 'ready', container: 'mp4', faststart: true, mime: 'video/mp4' });
    expect(v2.durationMs).toBeGreaterThan(9_900);
    // What is served now has its index first, and the same size; the old key is gone.
    const served = await streamAll(v2.id);
    expect(served.length).toBe(readFixture('mp4MoovAtEnd').length);
    expect(served.indexOf(Buffer.from('moov'))).toBeLessThan(served.indexOf(Buffer.from('mdat')));
    const row = (await fx.app.repos.media.media(v2.id))!;
    expect(row.sha256).toBe(crypto.createHash('sha256').update(served).digest('hex'));
    expect(fs.readdirSync(path.join(fx.app.config.dataDir, 'media')).filter((f) => f.startsWith(v2.id))).toEqual([`${v2.id}.kjm`]);
    const v3 = byLabel.get('video 3')!.media[0]!;
    expect(v3).toMatchObject({ status: 'ready', container: 'webm', faststart: null, mime: 'video/webm' });
    expect(v3.tracks.map((t) => t.kind)).toEqual(['video', 'audio']);
    expect(body.maxUploadBytes).toBe(fx.app.config.maxUploadBytes);
    expect(body.quota.usedBytes).toBeGreaterThan(0);
  });

  it('a second file can join an existing recording ("video 1" in two parts)', async () => {
    const run = tusUpload(endpoint(fx.url), ownerHeaders(), readFixture('webm'), {
      metadata: { recordingId: fx.recordingId, filename: 'deel-2.webm' },
    });
    expect(await run.done).toBeNull();
    expect((await fx.app.repos.media.mediaOf(fx.recordingId, 'video')).filter((m) => m.status === 'ready')).toHaveLength(2);
  });

  it('a PATCH at the wrong offset is refused with 409 and changes nothing', async () => {
    const create = await fetch(endpoint(fx.url), {
      method: 'POST',
      headers: { ...ownerHeaders(), 'tus-resumable': '1.0.0', 'upload-length': '1000' },
    });
    expect(create.status).toBe(201);
    const url = new URL(create.headers.get('location')!, fx.url).toString();
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: { ...ownerHeaders(), 'tus-resumable': '1.0.0', 'upload-offset': '10', 'content-type': 'application/offset+octet-stream' },
      body: Buffer.alloc(10),
    });
    expect(patch.status).toBe(409);
    expect(((await patch.json()) as { error: { code: string } }).error.code).toBe('upload_offset_mismatch');
    const del = await fetch(url, { method: 'DELETE', headers: { ...ownerHeaders(), 'tus-resumable': '1.0.0' } });
    expect(del.status).toBe(204);
  });
});

describe('MEDIA-2 refused uploads leave nothing behind', () => {
  it('wrong type: refused on its first bytes with unsupported_media (415)', async () => {
    const before = await snapshot();
    const text = Buffer.from('Dit is geen video maar een tekstbestand met de naam video.mp4\n'.repeat(50_000));
    const run = tusUpload(endpoint(fx.url), ownerHeaders(), text);
    const err = await run.done;
    expect(tusStatus(err)).toBe(415);
    expect(tusErrorCode(err)).toBe('unsupported_media');
    expect(await snapshot()).toEqual(before);
    const refused = (await fx.app.repos.audit.latest(20)).find((e) => e.action === 'media_refused');
    expect(refused?.detail).toContain('unsupported_media');
  });

  it.each([
    ['an MP4 cut off at 60 %', () => readFixture('mp4').subarray(0, 127_000)],
    ['an MP4 with its index at the end, cut off', () => readFixture('mp4MoovAtEnd').subarray(0, 150_000)],
    ['a WebM cut off', () => readFixture('webm').subarray(0, 200_000)],
  ])('truncated: %s is refused with media_truncated (422)', async (_name, make) => {
    const before = await snapshot();
    const err = await tusUpload(endpoint(fx.url), ownerHeaders(), make()).done;
    expect(tusStatus(err)).toBe(422);
    expect(tusErrorCode(err)).toBe('media_truncated');
    expect(await snapshot()).toEqual(before);
  });

  it('corrupt: a file with valid magic bytes but no index is refused with media_corrupt (422)', async () => {
    const before = await snapshot();
    const broken = Buffer.from(readFixture('mp4MoovAtEnd'));
    broken.write('junk', broken.lastIndexOf(Buffer.from('moov')), 'latin1');
    const err = await tusUpload(endpoint(fx.url), ownerHeaders(), broken).done;
    expect(tusErrorCode(err)).toBe('media_corrupt');
    expect(await snapshot()).toEqual(before);
  });

  it('oversized: refused at creation with media_too_large (413), and the quota with quota_exceeded', async () => {
    const small = await accessFixture({ maxUploadBytes: 250_000, orgQuotaBytes: 300_000 });
    try {
      const url = `${small.url}/api/cycles/${small.cycleId}/uploads`;
      const before = fs.readdirSync(path.join(small.app.config.dataDir, 'media')).sort();
      const recordingsBefore = (await small.app.repos.media.recordingsOf(small.cycleId)).length;
      const err = await tusUpload(url, small.headersFor('owner'), withFreeBox(readFixture('mp4'), Buffer.alloc(50_000))).done;
      expect(tusStatus(err)).toBe(413);
      expect(tusErrorCode(err)).toBe('media_too_large');
      // The fixture's own recording (212 kB) is in use: 212 kB + 90 kB exceeds 300 kB.
      const quota = await tusUpload(url, small.headersFor('owner'), readFixture('mp4').subarray(0, 90_000)).done;
      expect(tusErrorCode(quota)).toBe('quota_exceeded');
      expect(fs.readdirSync(path.join(small.app.config.dataDir, 'media')).sort()).toEqual(before);
      expect(await small.app.repos.media.recordingsOf(small.cycleId)).toHaveLength(recordingsBefore);
    } finally {
      await small.close();
    }
  });

  it('protocol errors: no Tus-Resumable header (412), wrong content type on PATCH (415)', async () => {
    const res = await fetch(endpoint(fx.url), { method: 'POST', headers: { ...ownerHeaders(), 'upload-length': '10' } });
    expect(res.status).toBe(412);
    expect(res.headers.get('tus-version')).toBe('1.0.0');
  });
});
