import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { CycleRole } from '../../shared/domain/access.ts';
import { AppError } from '../plugins/errors.ts';
import type { AuditRepo } from '../storage/audit.ts';
import type { MediaRepo, MediaRow, RecordingRow } from '../storage/media.ts';
import { EncryptedReader } from './format.ts';
import type { KeyRing } from './keys.ts';

export interface MediaServiceOptions {
  repo: MediaRepo;
  audit: AuditRepo;
  keyRing: KeyRing;
  dataDir: string;
  /** Where the encrypted files live; default `<dataDir>/media`. Several processes share it. */
  mediaDir?: string | null;
  maxUploadBytes: number;
  orgQuotaBytes: number;
  /** Uploads untouched this long are abandoned and removed (sweep, and before each creation). */
  uploadExpiryMs: number;
  /** Unfinished uploads one person may have at a time (MEDIA-7). */
  maxOpenUploads: number;
  log: FastifyBaseLogger;
  /** Called when roles lost playback of a recording in a cycle (closes their collab sockets). */
  onAccessLost: (cycleId: string, roles: CycleRole[], recordingId: string) => void;
  /**
   * Erases a recording whose retention date passed (the sweep), with whatever goes with that
   * (the erasure receipt, RETAIN-1); without it the sweep erases the recording itself.
   */
  eraseExpired?: (recording: RecordingRow) => Promise<void>;
  /** Called after any change of a recording's consent (recorded, withdrawn, erased), for access
   * that does not follow playback (the client interview). */
  onConsentChanged?: (cycleId: string) => Promise<void>;
}

export type ErasureReason = 'withdrawn' | 'retention' | 'owner_removed' | 'refused' | 'cancelled' | 'abandoned' | 'cycle_deleted';

/** Where the encrypted files live and how their keys are unwrapped: shared by all media parts. */
export class MediaFiles {
  readonly dir: string;

  constructor(readonly o: MediaServiceOptions) {
    this.dir = o.mediaDir ?? path.join(o.dataDir, 'media');
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // Also an existing folder (mkdir's mode leaves it alone): media is for the server's user only.
    fs.chmodSync(this.dir, 0o700);
  }

  filePath(mediaId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(mediaId)) throw new AppError('not_found');
    return path.join(this.dir, `${mediaId}.kjm`);
  }

  /** The file's own key, unwrapped (callers wipe it after use). */
  async keyOf(row: MediaRow): Promise<Buffer> {
    const wrapped = row.key_id ? await this.o.repo.wrappedKey(row.key_id) : undefined;
    if (!row.key_id || !wrapped) throw new AppError('media_erased');
    try {
      return this.o.keyRing.unwrap(row.key_id, wrapped);
    } catch (err) {
      this.o.log.error({ err, mediaId: row.id }, 'media: file key cannot be unwrapped (wrong master key?)');
      throw new AppError('media_unavailable');
    }
  }

  /** Opens a complete encrypted file by its key row (derived files have no media row). */
  async openWithKey(fileId: string, keyId: string, size: number): Promise<EncryptedReader> {
    const wrapped = await this.o.repo.wrappedKey(keyId);
    if (!wrapped) throw new AppError('media_erased');
    let key: Buffer;
    try {
      key = this.o.keyRing.unwrap(keyId, wrapped);
    } catch (err) {
      this.o.log.error({ err, fileId }, 'media: file key cannot be unwrapped (wrong master key?)');
      throw new AppError('media_unavailable');
    }
    try {
      return await EncryptedReader.open(this.filePath(fileId), key, size);
    } catch (err) {
      this.o.log.error({ err, fileId }, 'media: cannot open encrypted file');
      throw new AppError('media_unavailable');
    } finally {
      key.fill(0);
    }
  }

  /** Deletes the file and any partial companions (`<id>.kjm.faststart`). */
  async unlinkFiles(mediaId: string): Promise<void> {
    const names = await fsp.readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.startsWith(mediaId)).map((n) => fsp.rm(path.join(this.dir, n), { force: true })));
  }
}

export function todayUtc(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}
