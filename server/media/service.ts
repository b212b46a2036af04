import type { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type { ConsentState, ConsentUse } from '../../shared/domain/consent.ts';
import type { RecordConsentBody } from '../../shared/protocol/media.ts';
import type { MediaKind, MediaRepo, MediaRow, RecordingRow } from '../storage/media.ts';
import { ConsentAndErasure } from './consent.ts';
import { MediaFiles, type ErasureReason, type MediaServiceOptions } from './files.ts';
import { DerivedFiles } from './derived-files.ts';
import type { EncryptedReader } from './format.ts';
import { MediaPlayback, type PlaybackStream } from './playback.ts';
import { UploadPipeline } from './uploads.ts';

export type { ErasureReason, MediaServiceOptions } from './files.ts';
export { todayUtc } from './files.ts';
export type { PlaybackStream } from './playback.ts';

/**
 * Recordings and their encrypted media, one entry point for routes and the app: uploads
 * (`uploads.ts`), reading and open responses (`playback.ts`), consent and erasure
 * (`consent.ts`). Routes stay thin; this class only delegates.
 */
export class MediaService {
  private readonly files: MediaFiles;
  private readonly uploads: UploadPipeline;
  private readonly playback: MediaPlayback;
  private readonly consent: ConsentAndErasure;
  /** Files made from recordings (fragments for the client), encrypted like uploads. */
  readonly derived: DerivedFiles;

  constructor(o: MediaServiceOptions) {
    this.files = new MediaFiles(o);
    this.uploads = new UploadPipeline(this.files);
    this.playback = new MediaPlayback(this.files);
    this.consent = new ConsentAndErasure(this.files, this.uploads, this.playback);
    this.derived = new DerivedFiles(this.files);
  }

  get dir(): string {
    return this.files.dir;
  }
  get repo(): MediaRepo {
    return this.files.o.repo;
  }
  /** Emits `cut` (PlaybackStream) whenever an open response is cut by the server. */
  get events(): EventEmitter {
    return this.playback.events;
  }
  filePath(mediaId: string): string {
    return this.files.filePath(mediaId);
  }

  // Uploads
  orgUsage(orgId: string): Promise<number> {
    return this.uploads.orgUsage(orgId);
  }
  createUpload(input: Parameters<UploadPipeline['createUpload']>[0]): Promise<MediaRow> {
    return this.uploads.createUpload(input);
  }
  uploadOffset(row: MediaRow): Promise<number> {
    return this.uploads.uploadOffset(row);
  }
  /** Another process continues this upload: a PATCH of ours still draining stops (SCALE-9). */
  uploadTakeoverRequested(mediaId: string): void {
    this.uploads.takeoverRequested(mediaId);
  }
  appendUpload(row: MediaRow, clientOffset: number, body: Readable, cycleId: string, actorId: string): Promise<{ offset: number; complete: boolean }> {
    return this.uploads.appendUpload(row, clientOffset, body, cycleId, actorId);
  }
  importMedia(input: { cycleId: string; orgId: string; userId: string; data: Buffer; kind?: MediaKind; recordingId?: string; label?: string }): Promise<MediaRow> {
    return this.uploads.importMedia(input);
  }
  discardUpload(row: MediaRow, reason: ErasureReason, actorId: string | null, cycleId: string, code?: string): Promise<void> {
    return this.uploads.discardUpload(row, reason, actorId, cycleId, code);
  }

  // Reading
  openReader(row: MediaRow): Promise<EncryptedReader> {
    return this.playback.openReader(row);
  }
  registerStream(s: PlaybackStream): () => void {
    return this.playback.registerStream(s);
  }
  openStreams(): readonly PlaybackStream[] {
    return this.playback.openStreams();
  }
  /** Cuts every open response matching `predicate` (access ended: `server/access/revoke.ts`). */
  cutStreams(predicate: (s: PlaybackStream) => boolean): PlaybackStream[] {
    return this.playback.cutStreams(predicate);
  }
  /** Re-checks every open response (run every second); consent changes also cut at once. */
  recheckStreams(stillAllowed: (s: PlaybackStream) => boolean): Promise<number> {
    return this.playback.recheckStreams(stillAllowed);
  }

  // Consent and erasure
  consentState(recording: RecordingRow): Promise<ConsentState> {
    return this.consent.consentState(recording);
  }
  recordConsent(recording: RecordingRow, body: RecordConsentBody, actorId: string): Promise<void> {
    return this.consent.recordConsent(recording, body, actorId);
  }
  /** `actorId` null with `by: 'client'`: the client withdrew in the portal (PORTAL-5). */
  withdrawConsent(recording: RecordingRow, uses: readonly ConsentUse[] | 'all', actorId: string | null, by: 'owner' | 'client' = 'owner'): Promise<void> {
    return this.consent.withdrawConsent(recording, uses, actorId, by);
  }
  eraseMedia(row: MediaRow, reason: ErasureReason, actorId: string | null, cycleId: string): Promise<void> {
    return this.consent.eraseMedia(row, reason, actorId, cycleId);
  }
  eraseRecording(recording: RecordingRow, reason: ErasureReason, actorId: string | null): Promise<void> {
    return this.consent.eraseRecording(recording, reason, actorId);
  }
  sweep(now = Date.now()): Promise<{ erased: number; abandoned: number; stray: number }> {
    return this.consent.sweep(now);
  }

  /**
   * The latest scheduled round (start-up, then daily), from its first moment: the app sets it when
   * a round starts, before a cross-process lock is taken, so shutdown (and a test) waits for the
   * whole round rather than finding the previous one while the lock is still being asked for.
   */
  lastSweep: Promise<void> = Promise.resolve();

  /** One scheduled sweep; logs instead of throwing. */
  runScheduledSweep(): Promise<void> {
    const log = this.files.o.log;
    return this.sweep().then(
      (r) => {
        if (r.erased || r.abandoned || r.stray) log.info(r, 'media: retention sweep');
      },
      (err: unknown) => log.error({ err }, 'media: retention sweep failed'),
    );
  }

  /** Aborts uploads in progress (shutdown; what arrived stays resumable) and cuts open responses. */
  async close(): Promise<void> {
    await this.uploads.close();
    this.playback.cutStreams(() => true);
  }
}
