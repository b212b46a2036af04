import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import { AppError } from '../plugins/errors.ts';
import { newId } from '../storage/ids.ts';
import type { MediaReady, MediaRow } from '../storage/media.ts';
import { planFaststart, type TopBox } from './faststart.ts';
import type { MediaFiles } from './files.ts';
import { EncryptedReader, EncryptedWriter } from './format.ts';
import { KeyRing } from './keys.ts';
import { probe, probeForm, ProbeError } from './probe.ts';

/** Plaintext read per step while rewriting a file to faststart. */
const REWRITE_PIECE_BYTES = 1024 * 1024;

interface Rewrite {
  tmp: string;
  keyId: string;
  wrapped: Buffer;
  sha256: string;
}

/**
 * Validates a completely received file by its content and marks it ready (or throws the
 * refusal). `runningHash` is the SHA-256 kept while the upload streamed in, when it covers the
 * whole file; otherwise the file is hashed here.
 */
export async function finalizeUpload(files: MediaFiles, row: MediaRow, cycleId: string, actorId: string | null, runningHash: crypto.Hash | null): Promise<void> {
  const { repo, audit, log } = files.o;
  const key = await files.keyOf(row);
  const reader = await EncryptedReader.open(files.filePath(row.id), key, row.size_bytes);
  key.fill(0);
  let ready: MediaReady;
  let rewrite: Rewrite | null = null;
  try {
    let meta: Omit<MediaReady, 'sha256'>;
    let boxes: TopBox[] | undefined;
    try {
      if (row.kind === 'video') {
        const probed = await probe(reader);
        boxes = probed.boxes;
        meta = { mime: probed.mime, container: probed.container, durationMs: probed.durationMs, tracks: probed.tracks, faststart: probed.faststart };
      } else {
        const form = probeForm(await reader.read(0, row.size_bytes));
        meta = { mime: form.mime, container: null, durationMs: null, tracks: [], faststart: null };
      }
    } catch (err) {
      if (!(err instanceof ProbeError)) throw err;
      const code = row.kind === 'consent_form' && err.code === 'unsupported_media' ? 'unsupported_consent_form' : err.code;
      throw new AppError(code, err.message);
    }
    // An index at the end seeks slowly in browsers: rewrite to faststart (else it stays flagged).
    if (meta.faststart === false && boxes) {
      rewrite = await rewriteFaststart(files, row, reader, boxes).catch((err: unknown) => {
        log.warn({ err, mediaId: row.id }, 'media: faststart rewrite failed; the file is flagged instead');
        return null;
      });
      if (rewrite) meta.faststart = true;
    }
    let sha256: string;
    if (rewrite) {
      sha256 = rewrite.sha256;
    } else if (runningHash) {
      sha256 = runningHash.digest('hex');
    } else {
      const hash = crypto.createHash('sha256');
      if (row.size_bytes > 0) for await (const part of reader.stream(0, row.size_bytes - 1)) hash.update(part as Buffer);
      sha256 = hash.digest('hex');
    }
    ready = { ...meta, sha256 };
  } catch (err) {
    if (rewrite) await fsp.rm(rewrite.tmp, { force: true });
    throw err;
  } finally {
    await reader.close().catch(() => undefined);
  }
  if (rewrite) {
    // Swap in the rewritten file and its key; the old key is destroyed with the switch.
    await repo.addKey(rewrite.keyId, rewrite.wrapped);
    await fsp.rename(rewrite.tmp, files.filePath(row.id));
    await repo.switchKey(row.id, rewrite.keyId);
  }
  await repo.setReady(row.id, ready);
  if (row.kind === 'video') {
    await audit.record({
      actorId,
      action: 'media_uploaded',
      cycleId,
      target: row.id,
      detail: { container: ready.container, durationMs: ready.durationMs, faststart: ready.faststart },
    });
  }
}

/**
 * Writes the faststart version of an MP4/MOV (moov moved in front of the media data, chunk
 * offsets shifted) into a new file under a new key, streaming through the decrypting reader.
 * Returns null when the file cannot be rewritten safely (it is then only flagged).
 */
async function rewriteFaststart(files: MediaFiles, row: MediaRow, reader: EncryptedReader, boxes: TopBox[]): Promise<Rewrite | null> {
  const moovBox = boxes.find((b) => b.type === 'moov');
  if (!moovBox) return null;
  const plan = planFaststart(boxes, await reader.read(moovBox.start, moovBox.size));
  if (!plan) return null;
  const tmp = `${files.filePath(row.id)}.faststart`;
  await fsp.rm(tmp, { force: true });
  const keyId = newId();
  const key = KeyRing.newFileKey();
  const hash = crypto.createHash('sha256');
  await EncryptedWriter.create(tmp);
  const writer = await EncryptedWriter.open(tmp, key);
  try {
    for (const piece of plan.pieces) {
      if (piece.kind === 'moov') {
        await writer.write(plan.moov);
        hash.update(plan.moov);
        continue;
      }
      for (let pos = piece.start; pos < piece.end; pos += REWRITE_PIECE_BYTES) {
        const part = await reader.read(pos, Math.min(REWRITE_PIECE_BYTES, piece.end - pos));
        await writer.write(part);
        hash.update(part);
      }
    }
    await writer.flush();
    if (writer.offset !== row.size_bytes) throw new Error('faststart rewrite changed the size');
  } catch (err) {
    await writer.close();
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await writer.close();
  const wrapped = files.o.keyRing.wrap(keyId, key);
  key.fill(0);
  return { tmp, keyId, wrapped, sha256: hash.digest('hex') };
}
