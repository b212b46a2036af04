import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError } from '../plugins/errors.ts';
import { newId } from '../storage/ids.ts';
import type { MediaKind, MediaRow, RecordingRow } from '../storage/media.ts';
import { finalizeUpload } from './finalize.ts';
import type { ErasureReason, MediaFiles } from './files.ts';
import { EncryptedWriter } from './format.ts';
import { KeyRing } from './keys.ts';
import { sniff, SNIFF_BYTES } from './probe.ts';

interface ActivePatch {
  writer: EncryptedWriter | null;
  orgId: string;
  /** The offset the PATCH started from (already in the stored usage). */
  base: number;
  abort(): void;
  done: Promise<unknown>;
}

/** After a refusal, at most this much of the rest of a PATCH body is read and discarded. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** How often a PATCH re-reads the organisation's usage while it streams in. */
const QUOTA_RECHECK_BYTES = 4 * 1024 * 1024;

const refusalCodes = new Set<string>(['unsupported_media', 'unsupported_consent_form', 'media_too_large', 'media_truncated', 'media_corrupt']);

/**
 * Resumable uploads: creation within the limits (size, quota of bytes actually received, open
 * uploads per person), PATCH bodies encrypted as they stream in, validation once complete.
 */
export class UploadPipeline {
  private readonly active = new Map<string, ActivePatch>();
  /** Running SHA-256 of an upload's plaintext and the offset it covers (rebuilt if out of step). */
  private readonly hashes = new Map<string, { hash: crypto.Hash; offset: number }>();

  constructor(private readonly files: MediaFiles) {}

  private get o() {
    return this.files.o;
  }

  isActive(mediaId: string): boolean {
    return this.active.has(mediaId);
  }

  /** Stored bytes of an organisation plus what PATCHes in progress have added since they began. */
  async orgUsage(orgId: string): Promise<number> {
    let live = 0;
    for (const p of this.active.values()) if (p.orgId === orgId && p.writer) live += Math.max(0, p.writer.offset - p.base);
    return (await this.o.repo.orgUsage(orgId)) + live;
  }

  /** Creates an upload (tus creation): checks size, open uploads and quota, makes the recording if needed. */
  async createUpload(input: {
    cycleId: string;
    orgId: string;
    userId: string;
    length: number;
    kind?: MediaKind;
    recordingId?: string | undefined;
    label?: string | undefined;
    fileName?: string | undefined;
  }): Promise<MediaRow> {
    const kind = input.kind ?? 'video';
    if (input.length > this.o.maxUploadBytes) throw new AppError('media_too_large');
    // Abandoned uploads stop counting now, not at the next daily sweep.
    await this.expireStale();
    if (kind === 'video' && await this.o.repo.openUploads(input.userId) >= this.o.maxOpenUploads) throw new AppError('too_many_open_uploads');
    if ((await this.orgUsage(input.orgId)) + input.length > this.o.orgQuotaBytes) throw new AppError('quota_exceeded');
    let recording: RecordingRow | undefined;
    if (input.recordingId) {
      recording = await this.o.repo.recording(input.recordingId);
      if (!recording || recording.cycle_id !== input.cycleId) throw new AppError('not_found');
      if (recording.erased_at !== null) throw new AppError('media_erased');
    } else {
      recording = await this.o.repo.createRecording(input.cycleId, input.label ?? await this.o.repo.nextLabel(input.cycleId), input.userId);
      await this.o.audit.record({ actorId: input.userId, action: 'recording_created', cycleId: input.cycleId, target: recording.id });
    }
    const id = newId();
    const keyId = newId();
    const key = KeyRing.newFileKey();
    const row = await this.o.repo.createMediaWithKey({
      id,
      recordingId: recording.id,
      orgId: input.orgId,
      kind,
      keyId,
      fileName: input.fileName ?? null,
      mime: null,
      sizeBytes: input.length,
      createdBy: input.userId,
      wrappedKey: this.o.keyRing.wrap(keyId, key),
    });
    try {
      await EncryptedWriter.create(this.files.filePath(id));
    } catch (err) {
      await this.o.repo.deleteMediaCompletely(id);
      throw err;
    } finally {
      key.fill(0);
    }
    if (kind === 'video') {
      await this.o.audit.record({ actorId: input.userId, action: 'media_upload_started', cycleId: input.cycleId, target: id, detail: { recordingId: recording.id, bytes: input.length } });
    }
    return row;
  }

  /** The upload's current offset: bytes safely stored (or being received right now). */
  async uploadOffset(row: MediaRow): Promise<number> {
    if (row.status !== 'uploading') return row.status === 'ready' ? row.size_bytes : 0;
    const live = this.active.get(row.id)?.writer;
    if (live) return live.offset;
    const key = await this.files.keyOf(row);
    const writer = await EncryptedWriter.open(this.files.filePath(row.id), key);
    key.fill(0);
    const offset = writer.offset;
    await writer.close();
    return offset;
  }

  /**
   * Appends a PATCH body at `clientOffset`. Streams to disk with backpressure (memory stays flat),
   * refuses wrong magic bytes on the first bytes, keeps what arrived when the connection drops
   * or the organisation's quota is reached, and validates the whole file once the last byte is
   * in. A newer PATCH for the same upload takes over from an older one still draining.
   */
  async appendUpload(row: MediaRow, clientOffset: number, body: Readable, cycleId: string, actorId: string): Promise<{ offset: number; complete: boolean }> {
    // Take over from a PATCH still draining (the client reconnected); loop in case several race.
    for (let previous = this.active.get(row.id); previous; previous = this.active.get(row.id)) {
      previous.abort();
      await previous.done.catch(() => undefined);
    }
    const current = await this.o.repo.media(row.id);
    if (!current || current.status === 'erased') throw new AppError(current ? 'media_erased' : 'not_found');
    if (current.status === 'ready') {
      if (clientOffset === current.size_bytes) return { offset: current.size_bytes, complete: true };
      throw new AppError('upload_offset_mismatch');
    }
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const patch: ActivePatch = { writer: null, orgId: current.org_id, base: 0, abort: () => body.destroy(), done };
    this.active.set(row.id, patch);
    let refusal: AppError | null = null;
    try {
      const key = await this.files.keyOf(current);
      const writer = await EncryptedWriter.open(this.files.filePath(row.id), key);
      key.fill(0);
      // What is on disk is what counts against the quota (also after a crash mid-PATCH).
      await this.o.repo.setReceived(row.id, writer.offset);
      patch.base = writer.offset;
      patch.writer = writer;
      let offset: number;
      try {
        if (writer.offset !== clientOffset) throw new AppError('upload_offset_mismatch');
        refusal = await this.receive(current, writer, body);
        offset = writer.offset;
      } finally {
        patch.writer = null;
        await writer.close();
      }
      await this.o.repo.setReceived(row.id, offset);
      if (refusal) {
        // Stop storing; discard the rest of the body so the client reads the refusal (closing a
        // socket with unread data resets it, and the answer would be lost). Bounded.
        let drained = 0;
        body.on('data', (d: Buffer) => {
          drained += d.length;
          if (drained > DRAIN_LIMIT_BYTES) body.destroy();
        });
        body.resume();
        throw refusal;
      }
      if (offset === current.size_bytes) {
        const h = this.hashes.get(row.id);
        this.hashes.delete(row.id);
        await finalizeUpload(this.files, current, cycleId, actorId, h && h.offset === offset ? h.hash : null);
        return { offset, complete: true };
      }
      return { offset, complete: false };
    } catch (err) {
      if (err instanceof AppError && refusalCodes.has(err.code)) {
        if (this.active.get(row.id) === patch) this.active.delete(row.id);
        // Refused content leaves nothing behind: file, key, row, and a recording made for it.
        await this.discardUpload(current, 'refused', actorId, cycleId, err.code);
      }
      throw err;
    } finally {
      this.hashes.delete(row.id);
      if (this.active.get(row.id) === patch) this.active.delete(row.id);
      release();
    }
  }

  /**
   * Stores a PATCH body until it ends, drops, or is refused (returned, not thrown: what arrived
   * before a quota refusal is kept). A failing disk throws `storage_failed`.
   */
  private async receive(current: MediaRow, writer: EncryptedWriter, body: Readable): Promise<AppError | null> {
    let h = this.hashes.get(current.id);
    if (!h || h.offset !== writer.offset) {
      h = writer.offset === 0 ? { hash: crypto.createHash('sha256'), offset: 0 } : undefined;
      if (h) this.hashes.set(current.id, h);
      else this.hashes.delete(current.id);
    }
    let head = writer.offset < SNIFF_BYTES ? writer.head() : null;
    let refusal: AppError | null = null;
    // Usage is re-read every few MiB, not per network chunk (a query each time would cost more
    // than the encryption); concurrent uploads can overshoot the quota by at most that much each.
    let usage = await this.orgUsage(current.org_id);
    let countedAt = writer.offset;
    try {
      for await (const raw of body.iterator({ destroyOnReturn: false })) {
        const chunk = raw as Buffer;
        if (writer.offset + chunk.length > current.size_bytes) {
          refusal = new AppError('media_too_large', 'more data than Upload-Length');
          break;
        }
        if (writer.offset - countedAt >= QUOTA_RECHECK_BYTES) {
          usage = await this.orgUsage(current.org_id);
          countedAt = writer.offset;
        }
        if (usage + (writer.offset - countedAt) + chunk.length > this.o.orgQuotaBytes) {
          refusal = new AppError('quota_exceeded', 'quota reached while receiving');
          break;
        }
        if (head) {
          head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES)]);
          if (head.length >= SNIFF_BYTES) {
            if (current.kind === 'video' && sniff(head) === null) {
              refusal = new AppError('unsupported_media', 'magic bytes');
              break;
            }
            head = null;
          }
        }
        try {
          await writer.write(chunk);
        } catch (err) {
          // The disk, not the client, failed (full, read-only): answer 503, keep what is safe.
          this.o.log.error({ err, mediaId: current.id }, 'media: writing an upload failed');
          this.hashes.delete(current.id);
          throw new AppError('storage_failed', 'upload write failed');
        }
        if (h) {
          h.hash.update(chunk);
          h.offset += chunk.length;
        }
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      // The connection dropped (or a newer PATCH took over): keep what arrived.
    }
    if (!refusal || !refusalCodes.has(refusal.code)) await writer.flush();
    return refusal;
  }

  /** Stores a complete file from memory through the same path as an upload. */
  async importMedia(input: { cycleId: string; orgId: string; userId: string; data: Buffer; kind?: MediaKind; recordingId?: string; label?: string }): Promise<MediaRow> {
    const row = await this.createUpload({ ...input, length: input.data.length });
    await this.appendUpload(row, 0, Readable.from([input.data]), input.cycleId, input.userId);
    return (await this.o.repo.media(row.id))!;
  }

  /** A refused or cancelled upload: no file, no key, no row, no empty recording made for it. */
  async discardUpload(row: MediaRow, reason: ErasureReason, actorId: string | null, cycleId: string, code?: string): Promise<void> {
    this.active.get(row.id)?.abort();
    this.hashes.delete(row.id);
    await this.o.repo.deleteMediaCompletely(row.id);
    await this.o.repo.deleteEmptyRecording(row.recording_id);
    await this.files.unlinkFiles(row.id);
    await this.o.repo.checkpoint();
    await this.o.audit.record({
      actorId,
      action: reason === 'refused' ? 'media_refused' : 'media_erased',
      outcome: reason === 'refused' ? 'denied' : 'allowed',
      cycleId,
      target: row.id,
      detail: { reason, ...(code ? { code } : {}) },
    });
  }

  /** Removes uploads untouched for the expiry time (not one receiving right now). */
  async expireStale(now = Date.now()): Promise<number> {
    let abandoned = 0;
    for (const row of await this.o.repo.staleUploads(now - this.o.uploadExpiryMs)) {
      if (this.active.has(row.id)) continue;
      const cycleId = (await this.o.repo.recording(row.recording_id))?.cycle_id ?? '';
      await this.discardUpload(row, 'abandoned', null, cycleId);
      abandoned++;
    }
    return abandoned;
  }

  /** Stops an upload in progress (erasure) and waits until it has let go of the file. */
  async abort(mediaId: string): Promise<void> {
    const patch = this.active.get(mediaId);
    if (patch) {
      patch.abort();
      await patch.done.catch(() => undefined);
    }
    this.hashes.delete(mediaId);
  }

  /** Aborts uploads in progress (shutdown); what arrived stays resumable. */
  async close(): Promise<void> {
    const pending = [...this.active.values()];
    for (const p of pending) p.abort();
    await Promise.all(pending.map((p) => p.done.catch(() => undefined)));
  }
}
