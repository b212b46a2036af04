import { EventEmitter } from 'node:events';
import type { CycleRole } from '../../shared/domain/access.ts';
import { canPlay } from '../../shared/domain/consent.ts';
import { AppError } from '../plugins/errors.ts';
import type { MediaRow } from '../storage/media.ts';
import { consentStateOf } from './consent.ts';
import type { MediaFiles } from './files.ts';
import { EncryptedReader } from './format.ts';

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

/** Reading: decrypting readers for range responses, and the registry of open responses. */
export class MediaPlayback {
  private readonly streams = new Set<PlaybackStream>();
  /** Emits `cut` (PlaybackStream) whenever an open response is cut by the server. */
  readonly events = new EventEmitter();

  constructor(private readonly files: MediaFiles) {}

  async openReader(row: MediaRow): Promise<EncryptedReader> {
    const key = await this.files.keyOf(row);
    try {
      return await EncryptedReader.open(this.files.filePath(row.id), key, row.size_bytes);
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.files.o.log.error({ err, mediaId: row.id }, 'media: cannot open encrypted file');
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

  /** Cuts every open response matching `predicate`. */
  cutStreams(predicate: (s: PlaybackStream) => boolean): PlaybackStream[] {
    const cut = [...this.streams].filter(predicate);
    for (const s of cut) this.cutStream(s);
    return cut;
  }

  /**
   * Re-checks every open response: one whose session ended, whose member was removed or
   * disabled, or whose consent no longer covers the role is cut.
   */
  async recheckStreams(stillAllowed: (s: PlaybackStream) => boolean): Promise<number> {
    let cut = 0;
    for (const s of [...this.streams]) {
      const rec = await this.files.o.repo.recording(s.recordingId);
      // An erased file ends too: erasure on another process (REDIS_URL) cuts its own responses
      // at once, this process's here (the file's bytes would stay readable through the open handle).
      const erased = (await this.files.o.repo.media(s.mediaId))?.status !== 'ready';
      if (rec && !erased && stillAllowed(s) && canPlay(s.role, await consentStateOf(this.files.o.repo, rec)).allowed) continue;
      // It may have ended on its own while the state was read.
      if (!this.streams.has(s)) continue;
      this.cutStream(s);
      cut++;
    }
    return cut;
  }
}
