import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { cycleRoles, type CycleRole } from '../../shared/domain/access.ts';
import { canPlay, consentUses, noConsent, type ConsentDecisions, type ConsentState, type ConsentUse } from '../../shared/domain/consent.ts';
import type { RecordConsentBody } from '../../shared/protocol/media.ts';
import { AppError } from '../plugins/errors.ts';
import { AuditThrottle, type AuditRepo } from '../storage/audit.ts';
import { newId } from '../storage/ids.ts';
import type { MediaKind, MediaReady, MediaRepo, MediaRow, RecordingRow } from '../storage/media.ts';
import { planFaststart, type TopBox } from './faststart.ts';
import { EncryptedReader, EncryptedWriter } from './format.ts';
import { KeyRing } from './keys.ts';
import { probe, probeForm, ProbeError, sniff, SNIFF_BYTES } from './probe.ts';

export interface MediaServiceOptions {
  repo: MediaRepo;
  audit: AuditRepo;
  keyRing: KeyRing;
  dataDir: string;
  maxUploadBytes: number;
  orgQuotaBytes: number;
  /** Uploads untouched this long are abandoned and removed by the sweep. */
  uploadExpiryMs: number;
  log: FastifyBaseLogger;
  /** Called when roles lost playback of a recording in a cycle (closes their collab sockets). */
  onAccessLost: (cycleId: string, roles: CycleRole[], recordingId: string) => void;
  /** Called after any change of a recording's consent (recorded, withdrawn, erased), for access
   * that does not follow playback (the client interview). */
  onConsentChanged?: (cycleId: string) => void;
}

/** An open playback response; withdrawal destroys the affected ones at once. */
export interface PlaybackStream {
  mediaId: string;
  recordingId: string;
  cycleId: string;
  userId: string;
  /** Hash of the session the response was opened with (logout or expiry ends the stream). */
  sessionId: string;
  role: CycleRole;
  cut(): void;
}

interface ActivePatch {
  writer: EncryptedWriter | null;
  abort(): void;
  done: Promise<unknown>;
}

export type ErasureReason = 'withdrawn' | 'retention' | 'owner_removed' | 'refused' | 'cancelled' | 'abandoned';

/**
 * Recordings and their encrypted media: resumable uploads encrypted as they stream in,
 * validation by content, range reads, consent state, withdrawal and erasure. Routes stay thin.
 */
export class MediaService {
  readonly dir: string;
  private readonly active = new Map<string, ActivePatch>();
  /** Running SHA-256 of an upload's plaintext and the offset it covers (rebuilt if out of step). */
  private readonly hashes = new Map<string, { hash: crypto.Hash; offset: number }>();
  private readonly streams = new Set<PlaybackStream>();
  private readonly playAudit = new AuditThrottle(60_000);
  /** Emits `cut` (PlaybackStream) whenever an open response is cut by the server. */
  readonly events = new EventEmitter();

  constructor(private readonly o: MediaServiceOptions) {
    this.dir = path.join(o.dataDir, 'media');
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // Also an existing folder (mkdir's mode leaves it alone): media is for the server's user only.
    fs.chmodSync(this.dir, 0o700);
  }

  get repo(): MediaRepo {
    return this.o.repo;
  }

  filePath(mediaId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(mediaId)) throw new AppError('not_found');
    return path.join(this.dir, `${mediaId}.kjm`);
  }

  private keyOf(row: MediaRow): Buffer {
    const wrapped = row.key_id ? this.o.repo.wrappedKey(row.key_id) : undefined;
    if (!row.key_id || !wrapped) throw new AppError('media_erased');
    try {
      return this.o.keyRing.unwrap(row.key_id, wrapped);
    } catch (err) {
      this.o.log.error({ err, mediaId: row.id }, 'media: file key cannot be unwrapped (wrong master key?)');
      throw new AppError('media_unavailable');
    }
  }

  // -------------------------------------------------------------------------------------------
  // Uploads

  orgUsage(orgId: string): number {
    return this.o.repo.orgUsage(orgId);
  }

  /** Creates an upload (tus creation): checks size and quota, makes the recording if needed. */
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
    if (this.o.repo.orgUsage(input.orgId) + input.length > this.o.orgQuotaBytes) throw new AppError('quota_exceeded');
    let recording: RecordingRow | undefined;
    if (input.recordingId) {
      recording = this.o.repo.recording(input.recordingId);
      if (!recording || recording.cycle_id !== input.cycleId) throw new AppError('not_found');
      if (recording.erased_at !== null) throw new AppError('media_erased');
    } else {
      recording = this.o.repo.createRecording(input.cycleId, input.label ?? this.o.repo.nextLabel(input.cycleId), input.userId);
      this.o.audit.record({ actorId: input.userId, action: 'recording_created', cycleId: input.cycleId, target: recording.id });
    }
    const id = newId();
    const keyId = newId();
    const key = KeyRing.newFileKey();
    const row = this.o.repo.createMediaWithKey({
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
      await EncryptedWriter.create(this.filePath(id));
    } catch (err) {
      this.o.repo.deleteMediaCompletely(id);
      throw err;
    } finally {
      key.fill(0);
    }
    if (kind === 'video') {
      this.o.audit.record({ actorId: input.userId, action: 'media_upload_started', cycleId: input.cycleId, target: id, detail: { recordingId: recording.id, bytes: input.length } });
    }
    return row;
  }

  /** The upload's current offset: bytes safely stored (or being received right now). */
  async uploadOffset(row: MediaRow): Promise<number> {
    if (row.status !== 'uploading') return row.status === 'ready' ? row.size_bytes : 0;
    const live = this.active.get(row.id)?.writer;
    if (live) return live.offset;
    const writer = await EncryptedWriter.open(this.filePath(row.id), this.keyOf(row));
    const offset = writer.offset;
    await writer.close();
    return offset;
  }

  /**
   * Appends a PATCH body at `clientOffset`. Streams to disk with backpressure (memory stays flat),
   * refuses wrong magic bytes on the first bytes, keeps what arrived when the connection drops,
   * and validates the whole file once the last byte is in. A newer PATCH for the same upload
   * takes over from an older one still draining (a client that reconnected).
   */
  async appendUpload(row: MediaRow, clientOffset: number, body: Readable, cycleId: string, actorId: string): Promise<{ offset: number; complete: boolean }> {
    // Take over from a PATCH still draining (the client reconnected); loop in case several race.
    for (let previous = this.active.get(row.id); previous; previous = this.active.get(row.id)) {
      previous.abort();
      await previous.done.catch(() => undefined);
    }
    const current = this.o.repo.media(row.id);
    if (!current || current.status === 'erased') throw new AppError(current ? 'media_erased' : 'not_found');
    if (current.status === 'ready') {
      if (clientOffset === current.size_bytes) return { offset: current.size_bytes, complete: true };
      throw new AppError('upload_offset_mismatch');
    }
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const patch: ActivePatch = { writer: null, abort: () => body.destroy(), done };
    this.active.set(row.id, patch);
    let refusal: AppError | null = null;
    let storageError = false;
    let offset = 0;
    try {
      const key = this.keyOf(current);
      const writer = await EncryptedWriter.open(this.filePath(row.id), key);
      key.fill(0);
      patch.writer = writer;
      try {
        if (writer.offset !== clientOffset) throw new AppError('upload_offset_mismatch');
        let h = this.hashes.get(row.id);
        if (!h || h.offset !== writer.offset) {
          h = writer.offset === 0 ? { hash: crypto.createHash('sha256'), offset: 0 } : undefined;
          if (h) this.hashes.set(row.id, h);
          else this.hashes.delete(row.id);
        }
        let head = writer.offset < SNIFF_BYTES ? writer.head() : null;
        try {
          for await (const raw of body.iterator({ destroyOnReturn: false })) {
            const chunk = raw as Buffer;
            if (writer.offset + chunk.length > current.size_bytes) {
              refusal = new AppError('media_too_large', 'more data than Upload-Length');
              break;
            }
            if (head) {
              head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES)]);
              if (head.length >= SNIFF_BYTES) {
                const kind = sniff(head);
                const ok = current.kind === 'video' ? kind !== null : true;
                if (!ok) {
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
              this.o.log.error({ err, mediaId: row.id }, 'media: writing an upload failed');
              storageError = true;
              this.hashes.delete(row.id);
              h = undefined;
              break;
            }
            if (h) {
              h.hash.update(chunk);
              h.offset += chunk.length;
            }
          }
        } catch {
          // The connection dropped (or a newer PATCH took over): keep what arrived.
        }
        if (!refusal && !storageError) await writer.flush();
        if (storageError) throw new AppError('storage_failed', 'upload write failed');
        offset = writer.offset;
      } finally {
        patch.writer = null;
        await writer.close();
      }
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
      this.o.repo.touch(row.id);
      if (offset === current.size_bytes) {
        await this.finalize(current, cycleId, actorId);
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
      if (this.active.get(row.id) === patch) this.active.delete(row.id);
      release();
    }
  }

  /** Validates a completely received file by its content and marks it ready (or refuses it). */
  private async finalize(row: MediaRow, cycleId: string, actorId: string | null): Promise<void> {
    const key = this.keyOf(row);
    const reader = await EncryptedReader.open(this.filePath(row.id), key, row.size_bytes);
    key.fill(0);
    let ready: MediaReady;
    let rewrite: { tmp: string; keyId: string; wrapped: Buffer; sha256: string } | null = null;
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
        rewrite = await this.rewriteFaststart(row, reader, boxes).catch((err: unknown) => {
          this.o.log.warn({ err, mediaId: row.id }, 'media: faststart rewrite failed; the file is flagged instead');
          return null;
        });
        if (rewrite) meta.faststart = true;
      }
      const h = this.hashes.get(row.id);
      let sha256: string;
      if (rewrite) {
        sha256 = rewrite.sha256;
      } else if (h && h.offset === row.size_bytes) {
        sha256 = h.hash.digest('hex');
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
      this.hashes.delete(row.id);
      await reader.close().catch(() => undefined);
    }
    if (rewrite) {
      // Swap in the rewritten file and its key; the old key is destroyed with the switch.
      this.o.repo.addKey(rewrite.keyId, rewrite.wrapped);
      await fsp.rename(rewrite.tmp, this.filePath(row.id));
      this.o.repo.switchKey(row.id, rewrite.keyId);
    }
    this.o.repo.setReady(row.id, ready);
    if (row.kind === 'video') {
      this.o.audit.record({
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
  private async rewriteFaststart(row: MediaRow, reader: EncryptedReader, boxes: TopBox[]): Promise<{ tmp: string; keyId: string; wrapped: Buffer; sha256: string } | null> {
    const moovBox = boxes.find((b) => b.type === 'moov');
    if (!moovBox) return null;
    const plan = planFaststart(boxes, await reader.read(moovBox.start, moovBox.size));
    if (!plan) return null;
    const tmp = `${this.filePath(row.id)}.faststart`;
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
    const wrapped = this.o.keyRing.wrap(keyId, key);
    key.fill(0);
    return { tmp, keyId, wrapped, sha256: hash.digest('hex') };
  }

  /** Stores a complete file from memory or a stream through the same path as an upload. */
  async importMedia(input: {
    cycleId: string;
    orgId: string;
    userId: string;
    data: Buffer;
    kind?: MediaKind;
    recordingId?: string;
    label?: string;
  }): Promise<MediaRow> {
    const row = await this.createUpload({ ...input, length: input.data.length });
    await this.appendUpload(row, 0, Readable.from([input.data]), input.cycleId, input.userId);
    return this.o.repo.media(row.id)!;
  }

  /** A refused or cancelled upload: no file, no key, no row, no empty recording made for it. */
  async discardUpload(row: MediaRow, reason: ErasureReason, actorId: string | null, cycleId: string, code?: string): Promise<void> {
    this.active.get(row.id)?.abort();
    this.hashes.delete(row.id);
    this.o.repo.deleteMediaCompletely(row.id);
    this.o.repo.deleteEmptyRecording(row.recording_id);
    await this.unlinkFiles(row.id);
    this.o.repo.checkpoint();
    this.o.audit.record({
      actorId,
      action: reason === 'refused' ? 'media_refused' : 'media_erased',
      outcome: reason === 'refused' ? 'denied' : 'allowed',
      cycleId,
      target: row.id,
      detail: { reason, ...(code ? { code } : {}) },
    });
  }

  private async unlinkFiles(mediaId: string): Promise<void> {
    const names = await fsp.readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.startsWith(mediaId)).map((n) => fsp.rm(path.join(this.dir, n), { force: true })));
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  async openReader(row: MediaRow): Promise<EncryptedReader> {
    const key = this.keyOf(row);
    try {
      return await EncryptedReader.open(this.filePath(row.id), key, row.size_bytes);
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.o.log.error({ err, mediaId: row.id }, 'media: cannot open encrypted file');
      throw new AppError('media_unavailable');
    } finally {
      key.fill(0);
    }
  }

  private cutStream(s: PlaybackStream): void {
    this.streams.delete(s);
    s.cut();
    this.events.emit('cut', s);
  }

  registerStream(s: PlaybackStream): () => void {
    this.streams.add(s);
    return () => this.streams.delete(s);
  }

  openStreams(): readonly PlaybackStream[] {
    return [...this.streams];
  }

  /** Cuts every open response matching `predicate` (access ended: `server/access/revoke.ts`). */
  cutStreams(predicate: (s: PlaybackStream) => boolean): PlaybackStream[] {
    const cut = [...this.streams].filter(predicate);
    for (const s of cut) this.cutStream(s);
    return cut;
  }

  /**
   * Re-checks every open response (run every second): one whose session ended, whose member was
   * removed or disabled, or whose consent no longer covers the role is cut. Consent changes also
   * cut at once (`applyChange`); this catches everything else within a sweep interval.
   */
  recheckStreams(stillAllowed: (s: PlaybackStream) => boolean): number {
    let cut = 0;
    for (const s of [...this.streams]) {
      const rec = this.o.repo.recording(s.recordingId);
      if (rec && stillAllowed(s) && canPlay(s.role, this.consentState(rec)).allowed) continue;
      this.cutStream(s);
      cut++;
    }
    return cut;
  }

  /** Audits a playback start once per person and file per minute (browsers re-request byte 0). */
  shouldAuditPlay(userId: string, mediaId: string, now = Date.now()): boolean {
    return this.playAudit.shouldRecord(`${userId}:${mediaId}`, now);
  }

  // -------------------------------------------------------------------------------------------
  // Consent

  consentState(recording: RecordingRow): ConsentState {
    const current = this.o.repo.currentConsent(recording.id);
    return { recorded: current !== null, decisions: current?.decisions ?? noConsent(), erased: recording.erased_at !== null };
  }

  recordConsent(recording: RecordingRow, body: RecordConsentBody, actorId: string): void {
    if (recording.erased_at !== null) throw new AppError('media_erased');
    if (body.retentionUntil < todayUtc()) throw new AppError('validation_failed', 'retention date in the past');
    const before = this.consentState(recording);
    const changed = consentUses.filter((u) => !before.recorded || before.decisions[u] !== body.decisions[u]);
    this.o.repo.addConsentEvent({
      recordingId: recording.id,
      actorId,
      kind: 'recorded',
      decisions: body.decisions,
      changed,
      consentDate: body.consentDate,
      recordedBy: body.recordedBy,
      lawfulBasis: body.lawfulBasis,
      retentionUntil: body.retentionUntil,
    });
    this.o.audit.record({
      actorId,
      action: 'consent_recorded',
      cycleId: recording.cycle_id,
      target: recording.id,
      detail: { granted: consentUses.filter((u) => body.decisions[u]).join(','), retentionUntil: body.retentionUntil },
    });
    this.applyChange(recording, before, this.consentState(recording));
  }

  /** Withdraws some uses (access of the affected roles ends at once) or everything (erasure). */
  async withdrawConsent(recording: RecordingRow, uses: readonly ConsentUse[] | 'all', actorId: string): Promise<void> {
    if (recording.erased_at !== null) throw new AppError('media_erased');
    const before = this.consentState(recording);
    const after: ConsentDecisions = { ...before.decisions };
    const list = uses === 'all' ? consentUses : uses;
    for (const u of list) after[u] = false;
    if (uses !== 'all' && !before.recorded) throw new AppError('bad_request', 'nothing recorded to withdraw');
    const changed = consentUses.filter((u) => before.decisions[u] && !after[u]);
    this.o.repo.addConsentEvent({ recordingId: recording.id, actorId, kind: 'withdrawn', decisions: after, changed });
    this.o.audit.record({
      actorId,
      action: 'consent_withdrawn',
      cycleId: recording.cycle_id,
      target: recording.id,
      detail: { uses: uses === 'all' ? 'all' : list.join(',') },
    });
    if (uses === 'all') {
      await this.eraseRecording(recording, 'withdrawn', actorId);
    } else {
      this.applyChange(recording, before, this.consentState(recording));
    }
  }

  /** Cuts open streams and collab sockets of every role that can no longer play. */
  private applyChange(recording: RecordingRow, before: ConsentState, after: ConsentState): void {
    const lost = cycleRoles.filter((r) => canPlay(r, before).allowed && !canPlay(r, after).allowed);
    let cut = 0;
    for (const s of [...this.streams]) {
      if (s.recordingId === recording.id && !canPlay(s.role, after).allowed) {
        this.cutStream(s);
        cut++;
      }
    }
    if (cut > 0) this.o.audit.record({ actorId: null, action: 'streams_cut', cycleId: recording.cycle_id, target: recording.id, detail: { streams: cut } });
    if (lost.length > 0) this.o.onAccessLost(recording.cycle_id, lost, recording.id);
    this.o.onConsentChanged?.(recording.cycle_id);
  }

  // -------------------------------------------------------------------------------------------
  // Erasure

  /**
   * Erases one file: open streams cut, an upload in progress aborted, the key destroyed (row
   * deleted under secure_delete, WAL truncated), the bytes and any partial files deleted. The
   * audit entry names the file id and the reason, never content.
   */
  async eraseMedia(row: MediaRow, reason: ErasureReason, actorId: string | null, cycleId: string): Promise<void> {
    for (const s of [...this.streams]) if (s.mediaId === row.id) this.cutStream(s);
    const patch = this.active.get(row.id);
    if (patch) {
      patch.abort();
      await patch.done.catch(() => undefined);
    }
    this.hashes.delete(row.id);
    this.o.repo.eraseKey(row.id, reason);
    await this.unlinkFiles(row.id);
    this.o.repo.checkpoint();
    this.o.audit.record({ actorId, action: 'media_erased', cycleId, target: row.id, detail: { reason, kind: row.kind } });
  }

  /** Erases every file of a recording (video and consent-form scan); the recording stays as a label. */
  async eraseRecording(recording: RecordingRow, reason: ErasureReason, actorId: string | null): Promise<void> {
    const before = this.consentState(recording);
    for (const row of this.o.repo.liveMediaOf(recording.id)) await this.eraseMedia(row, reason, actorId, recording.cycle_id);
    this.o.repo.markRecordingErased(recording.id, reason);
    this.o.repo.addConsentEvent({ recordingId: recording.id, actorId, kind: 'erased', decisions: noConsent(), changed: [] });
    this.o.audit.record({ actorId, action: 'media_erased', cycleId: recording.cycle_id, target: recording.id, detail: { reason, scope: 'recording' } });
    const after = this.consentState(this.o.repo.recording(recording.id)!);
    this.applyChange(recording, before, after);
    // Everyone in the cycle re-reads the recordings list.
    this.o.onAccessLost(recording.cycle_id, [...cycleRoles], recording.id);
  }

  /**
   * The retention sweep: erases recordings whose retention date has passed, removes abandoned
   * uploads, and deletes stray files no row refers to (left by a crash). Runs at start-up and daily.
   */
  async sweep(now = Date.now()): Promise<{ erased: number; abandoned: number; stray: number }> {
    let erased = 0;
    let abandoned = 0;
    let stray = 0;
    for (const id of this.o.repo.expiredRecordings(todayUtc(now))) {
      const rec = this.o.repo.recording(id);
      if (!rec) continue;
      await this.eraseRecording(rec, 'retention', null);
      erased++;
    }
    for (const row of this.o.repo.staleUploads(now - this.o.uploadExpiryMs)) {
      if (this.active.has(row.id)) continue;
      const cycleId = this.o.repo.recording(row.recording_id)?.cycle_id ?? null;
      await this.discardUpload(row, 'abandoned', null, cycleId ?? '');
      abandoned++;
    }
    // Files no row refers to (a crash between steps). Only old ones: a file is created right
    // after its row, and this scan must never race an upload that is just starting.
    const live = this.o.repo.liveFileIds();
    for (const name of await fsp.readdir(this.dir).catch(() => [] as string[])) {
      const id = name.slice(0, 36);
      if (live.has(id) || this.active.has(id)) continue;
      const file = path.join(this.dir, name);
      const st = await fsp.stat(file).catch(() => null);
      if (!st || now - st.mtimeMs < 10 * 60_000) continue;
      await fsp.rm(file, { force: true });
      stray++;
    }
    return { erased, abandoned, stray };
  }

  /** The latest scheduled sweep (start-up, then daily); logs instead of throwing. */
  lastSweep: Promise<void> = Promise.resolve();

  runScheduledSweep(): Promise<void> {
    this.lastSweep = this.sweep().then(
      (r) => {
        if (r.erased || r.abandoned || r.stray) this.o.log.info(r, 'media: retention sweep');
      },
      (err: unknown) => this.o.log.error({ err }, 'media: retention sweep failed'),
    );
    return this.lastSweep;
  }

  /** Aborts uploads in progress (shutdown); what arrived stays resumable. */
  async close(): Promise<void> {
    const pending = [...this.active.values()];
    for (const p of pending) p.abort();
    await Promise.all(pending.map((p) => p.done.catch(() => undefined)));
    for (const s of [...this.streams]) this.cutStream(s);
  }
}

/** Plaintext read per step while rewriting a file to faststart. */
const REWRITE_PIECE_BYTES = 1024 * 1024;

/** After a refusal, at most this much of the rest of a PATCH body is read and discarded. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

const refusalCodes = new Set<string>(['unsupported_media', 'unsupported_consent_form', 'media_too_large', 'media_truncated', 'media_corrupt']);

export function todayUtc(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}
