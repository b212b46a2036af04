/**
 * Uploads in progress, per cycle, outside React: an upload keeps running when the panel that
 * started it unmounts (another tab of the workspace, another page of the app), and a page reload
 * finds its unfinished uploads again in localStorage (by the file's fingerprint), so the person
 * only has to choose the same file again to continue where the server left off.
 */
import { useSyncExternalStore } from 'react';
import type * as tus from 'tus-js-client';
import { z } from 'zod';
import { mediaSniffBytes, sniffMediaHead } from '../../../shared/domain/media.ts';
import { ApiError } from '../../api/http.ts';
import {
  isTransientUploadFailure,
  mediaIdOfUploadUrl,
  startResumableUpload,
  terminateUpload,
  uploadUrlOf,
  type MediaFile,
  type UploadFailure,
} from '../../api/media.ts';

export type UploadPhase =
  /** Bytes are flowing. */
  | 'uploading'
  /** Every byte is sent; the server checks the file (type, completeness, duration). */
  | 'processing'
  /** Paused by the person; the server keeps what it received. */
  | 'paused'
  /** The connection dropped; continues by itself when the network is back. */
  | 'waiting'
  /** Started on an earlier page; needs the same file chosen again. */
  | 'interrupted'
  | 'done'
  | 'failed';

export interface UploadItem {
  readonly key: string;
  /** The file's name; for an upload begun elsewhere, the recording's label. */
  readonly fileName: string;
  readonly size: number;
  /** null: begun in another browser; only the size can tell whether a file is the same one. */
  readonly fingerprint: string | null;
  readonly recordingId: string | null;
  readonly mediaId: string | null;
  readonly phase: UploadPhase;
  readonly bytesSent: number;
  readonly bytesPerSecond: number | null;
  readonly secondsLeft: number | null;
  readonly failure: UploadFailure | null;
  /** The person chose another file than the one this upload started with. */
  readonly wrongFile: boolean;
}

/** What is remembered across a reload (never file contents: only what identifies the file). */
const storedUpload = z.object({
  fingerprint: z.string(),
  uploadUrl: z.string(),
  fileName: z.string(),
  size: z.number(),
  recordingId: z.string().nullable(),
  bytesSent: z.number(),
});
type StoredUpload = z.infer<typeof storedUpload>;

const storageKey = (cycleId: string): string => `kijkruimte.uploads.v1.${cycleId}`;

function readStored(cycleId: string): StoredUpload[] {
  try {
    const raw = window.localStorage.getItem(storageKey(cycleId));
    if (raw === null) return [];
    const parsed = z.array(storedUpload).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function writeStored(cycleId: string, uploads: StoredUpload[]): void {
  try {
    if (uploads.length === 0) window.localStorage.removeItem(storageKey(cycleId));
    else window.localStorage.setItem(storageKey(cycleId), JSON.stringify(uploads));
  } catch {
    // Storage full or disabled: resuming after a reload will not be offered, nothing else breaks.
  }
}

/** Identifies "the same file" again after a reload: name, size, type and modification time. */
export function fingerprintOf(file: File): string {
  return ['kijkruimte-v1', file.name, file.size, file.type, file.lastModified].join('|');
}

/** Server refusals after which the upload no longer exists there (nothing to resume). */
function uploadIsGone(failure: UploadFailure): boolean {
  if (failure.kind === 'file') return false;
  return !['unauthenticated', 'csrf_failed', 'network', 'unexpected_response'].includes(failure.error.code);
}

const speedWindowMs = 6_000;
const minimumSpeedSpanMs = 800;
const waitingRetryMs = [3_000, 10_000, 30_000, 60_000];

interface Running {
  upload: tus.Upload | null;
  file: File;
  uploadUrl: string | null;
  samples: { at: number; bytes: number }[];
  retryTimer: ReturnType<typeof setTimeout> | null;
  waitingAttempts: number;
  /** Progress last written to localStorage (written every 2 %, not on every event). */
  storedBytes: number;
}

type Listener = () => void;

/** A file as the server lists it, with the recording it belongs to. */
export interface ServerFile {
  file: MediaFile;
  label: string;
  recordingId: string;
}

export class CycleUploads {
  private items: readonly UploadItem[] = [];
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<Listener>();
  private readonly settledListeners = new Set<Listener>();
  private counter = 0;

  constructor(readonly cycleId: string) {
    // Unfinished uploads of an earlier page: offered for resuming with the same file.
    this.items = readStored(cycleId).map((s) => ({
      key: this.nextKey(),
      fileName: s.fileName,
      size: s.size,
      fingerprint: s.fingerprint,
      recordingId: s.recordingId,
      mediaId: mediaIdOfUploadUrl(s.uploadUrl),
      phase: 'interrupted',
      bytesSent: s.bytesSent,
      bytesPerSecond: null,
      secondsLeft: null,
      failure: null,
      wrongFile: false,
    }));
    window.addEventListener('online', this.onOnline);
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): readonly UploadItem[] => this.items;

  /** Called when an upload finished, was refused or cancelled: the server's list changed. */
  onSettled(listener: Listener): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /** Starts uploading each file; a file matching an interrupted upload resumes that upload. */
  add(files: readonly File[], recordingId: string | null): void {
    for (const file of files) {
      const fingerprint = fingerprintOf(file);
      const interrupted = this.items.find((i) => i.phase === 'interrupted' && i.fingerprint === fingerprint);
      if (interrupted) {
        this.resumeWithFile(interrupted.key, file);
        continue;
      }
      const key = this.nextKey();
      this.items = [
        ...this.items,
        {
          key,
          fileName: file.name,
          size: file.size,
          fingerprint,
          recordingId,
          mediaId: null,
          phase: 'uploading',
          bytesSent: 0,
          bytesPerSecond: null,
          secondsLeft: null,
          failure: null,
          wrongFile: false,
        },
      ];
      this.emit();
      void this.checkThenRun(key, file);
    }
  }

  /**
   * A file that is no video is refused before a byte is sent (its first bytes say what it is);
   * the server checks them again and refuses on the first chunk too.
   */
  private async checkThenRun(key: string, file: File): Promise<void> {
    let head: Uint8Array;
    try {
      head = new Uint8Array(await file.slice(0, mediaSniffBytes).arrayBuffer());
    } catch {
      this.patch(key, { phase: 'failed', failure: { kind: 'file' } });
      return;
    }
    if (this.find(key) === undefined) return;
    if (sniffMediaHead(head) === null) {
      this.patch(key, { phase: 'failed', failure: { kind: 'api', error: new ApiError('unsupported_media', 415) } });
      return;
    }
    this.run(key, file, null);
  }

  /** The person chose the file again after a reload: continue only if it is the same file. */
  resumeWithFile(key: string, file: File): void {
    const item = this.find(key);
    if (!item || item.mediaId === null) return;
    const same = item.fingerprint === null ? file.size === item.size : fingerprintOf(file) === item.fingerprint;
    if (!same) {
      this.patch(key, { wrongFile: true });
      return;
    }
    this.patch(key, { wrongFile: false, phase: 'uploading', failure: null, fingerprint: fingerprintOf(file), fileName: file.name });
    const uploadUrl = uploadUrlOf(this.cycleId, item.mediaId);
    this.remember(key, uploadUrl);
    this.run(key, file, uploadUrl);
  }

  pause(key: string): void {
    const r = this.running.get(key);
    if (!r) return;
    this.clearRetry(r);
    void r.upload?.abort(false);
    r.samples = [];
    this.patch(key, { phase: 'paused', bytesPerSecond: null, secondsLeft: null });
  }

  resume(key: string): void {
    const r = this.running.get(key);
    if (!r) return;
    this.clearRetry(r);
    this.patch(key, { phase: 'uploading', failure: null });
    this.restart(key, r);
  }

  /** Stops the upload and has the server throw away what it received. */
  async cancel(key: string): Promise<void> {
    const item = this.find(key);
    if (!item) return;
    const r = this.running.get(key);
    if (r) {
      this.clearRetry(r);
      void r.upload?.abort(false);
      this.running.delete(key);
    }
    this.forget(item);
    this.items = this.items.filter((i) => i.key !== key);
    this.emit();
    if (item.mediaId !== null) {
      try {
        await terminateUpload(this.cycleId, item.mediaId);
      } catch {
        // Already gone, or the server is unreachable: the server removes abandoned uploads itself.
      }
    }
    this.settled();
  }

  /** Removes a finished or failed upload from view. */
  dismiss(key: string): void {
    const item = this.find(key);
    if (!item || (item.phase !== 'done' && item.phase !== 'failed')) return;
    this.running.delete(key);
    this.items = this.items.filter((i) => i.key !== key);
    this.emit();
  }

  /**
   * Brings interrupted uploads in line with the server: one the server completed or no longer
   * has (abandoned, cancelled elsewhere) is forgotten; otherwise its progress is the server's.
   * Unfinished uploads the server lists that this browser does not know (begun elsewhere) are
   * offered for resuming too.
   */
  reconcile(serverFiles: readonly ServerFile[]): void {
    let changed = false;
    const next: UploadItem[] = [];
    for (const item of this.items) {
      if (item.phase !== 'interrupted' || item.mediaId === null) {
        next.push(item);
        continue;
      }
      const onServer = serverFiles.find((f) => f.file.id === item.mediaId)?.file;
      if (!onServer || onServer.status !== 'uploading') {
        this.forget(item);
        changed = true;
        continue;
      }
      if (onServer.uploadedBytes !== item.bytesSent) {
        next.push({ ...item, bytesSent: onServer.uploadedBytes });
        changed = true;
      } else {
        next.push(item);
      }
    }
    // While an upload is being created here, its file may already be listed: not "elsewhere".
    const creating = next.some((i) => i.mediaId === null && (i.phase === 'uploading' || i.phase === 'waiting'));
    if (!creating) {
      for (const { file, label, recordingId } of serverFiles) {
        if (file.status !== 'uploading' || next.some((i) => i.mediaId === file.id)) continue;
        next.push({
          key: this.nextKey(),
          fileName: label,
          size: file.sizeBytes,
          fingerprint: null,
          recordingId,
          mediaId: file.id,
          phase: 'interrupted',
          bytesSent: file.uploadedBytes,
          bytesPerSecond: null,
          secondsLeft: null,
          failure: null,
          wrongFile: false,
        });
        changed = true;
      }
    }
    if (changed) {
      this.items = next;
      this.emit();
    }
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  private run(key: string, file: File, uploadUrl: string | null): void {
    const r: Running = { upload: null, file, uploadUrl, samples: [], retryTimer: null, waitingAttempts: 0, storedBytes: 0 };
    this.running.set(key, r);
    this.restart(key, r);
  }

  private restart(key: string, r: Running): void {
    const item = this.find(key);
    if (!item) return;
    r.samples = [];
    if (r.upload !== null) {
      // Same upload object: tus asks the server for its offset (HEAD) and continues from there.
      r.upload.start();
      return;
    }
    r.upload = startResumableUpload(
      { cycleId: this.cycleId, file: r.file, uploadUrl: r.uploadUrl, recordingId: item.recordingId },
      {
        onUploadUrl: (url) => {
          r.uploadUrl = url;
          this.patch(key, { mediaId: mediaIdOfUploadUrl(url) });
          this.remember(key, url);
        },
        onProgress: (sent, total) => this.progress(key, r, sent, total),
        onSuccess: () => {
          this.running.delete(key);
          const done = this.find(key);
          if (done) this.forget(done);
          this.patch(key, { phase: 'done', bytesSent: done?.size ?? 0, bytesPerSecond: null, secondsLeft: null, failure: null });
          this.settled();
        },
        onError: (failure) => this.failed(key, r, failure),
      },
    );
  }

  private progress(key: string, r: Running, sent: number, total: number): void {
    const item = this.find(key);
    if (!item || (item.phase !== 'uploading' && item.phase !== 'processing' && item.phase !== 'waiting')) return;
    const now = performance.now();
    r.samples.push({ at: now, bytes: sent });
    while (r.samples.length > 2 && now - r.samples[0]!.at > speedWindowMs) r.samples.shift();
    const first = r.samples[0]!;
    const span = now - first.at;
    const speed = span >= minimumSpeedSpanMs && sent > first.bytes ? ((sent - first.bytes) / span) * 1000 : item.bytesPerSecond;
    r.waitingAttempts = 0;
    this.patch(key, {
      phase: sent >= total ? 'processing' : 'uploading',
      bytesSent: Math.max(0, Math.min(sent, total)),
      bytesPerSecond: speed,
      secondsLeft: speed !== null && speed > 0 ? Math.max(0, (total - sent) / speed) : null,
      failure: null,
    });
    if (r.uploadUrl !== null && (Math.abs(sent - r.storedBytes) >= total / 50 || sent >= total)) {
      r.storedBytes = sent;
      this.rememberProgress(key, sent);
    }
  }

  private failed(key: string, r: Running, failure: UploadFailure): void {
    const item = this.find(key);
    if (!item) return;
    r.samples = [];
    if (isTransientUploadFailure(failure)) {
      // No connection (or the server restarts): keep the upload and try again by ourselves.
      this.patch(key, { phase: 'waiting', failure, bytesPerSecond: null, secondsLeft: null });
      this.clearRetry(r);
      const delay = waitingRetryMs[Math.min(r.waitingAttempts, waitingRetryMs.length - 1)]!;
      r.waitingAttempts += 1;
      r.retryTimer = setTimeout(() => {
        r.retryTimer = null;
        if (this.find(key)?.phase === 'waiting') this.restart(key, r);
      }, delay);
      return;
    }
    if (failure.kind === 'file') {
      // The browser lost access to the file: the person chooses it again.
      this.running.delete(key);
      this.patch(key, { phase: item.mediaId === null ? 'failed' : 'interrupted', failure, bytesPerSecond: null, secondsLeft: null });
      return;
    }
    this.running.delete(key);
    if (uploadIsGone(failure)) this.forget(item);
    this.patch(key, { phase: 'failed', failure, bytesPerSecond: null, secondsLeft: null });
    this.settled();
  }

  private readonly onOnline = (): void => {
    for (const item of this.items) {
      if (item.phase !== 'waiting') continue;
      const r = this.running.get(item.key);
      if (!r) continue;
      this.clearRetry(r);
      this.restart(item.key, r);
    }
  };

  private clearRetry(r: Running): void {
    if (r.retryTimer !== null) clearTimeout(r.retryTimer);
    r.retryTimer = null;
  }

  private remember(key: string, uploadUrl: string): void {
    const item = this.find(key);
    if (!item || item.fingerprint === null) return;
    const others = readStored(this.cycleId).filter((s) => s.fingerprint !== item.fingerprint);
    writeStored(this.cycleId, [
      ...others,
      { fingerprint: item.fingerprint, uploadUrl, fileName: item.fileName, size: item.size, recordingId: item.recordingId, bytesSent: item.bytesSent },
    ]);
  }

  private rememberProgress(key: string, bytesSent: number): void {
    const item = this.find(key);
    if (!item) return;
    const stored = readStored(this.cycleId);
    const entry = item.fingerprint === null ? undefined : stored.find((s) => s.fingerprint === item.fingerprint);
    if (!entry) return;
    entry.bytesSent = bytesSent;
    writeStored(this.cycleId, stored);
  }

  private forget(item: UploadItem): void {
    if (item.fingerprint === null) return;
    writeStored(this.cycleId, readStored(this.cycleId).filter((s) => s.fingerprint !== item.fingerprint));
  }

  private find(key: string): UploadItem | undefined {
    return this.items.find((i) => i.key === key);
  }

  private patch(key: string, changes: Partial<UploadItem>): void {
    let changed = false;
    this.items = this.items.map((i) => {
      if (i.key !== key) return i;
      changed = true;
      return { ...i, ...changes };
    });
    if (changed) this.emit();
  }

  private nextKey(): string {
    this.counter += 1;
    return `upload-${this.counter}`;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private settled(): void {
    for (const listener of this.settledListeners) listener();
  }
}

const stores = new Map<string, CycleUploads>();

/** The uploads of one cycle (one store per cycle for the lifetime of the page). */
export function uploadsOf(cycleId: string): CycleUploads {
  let store = stores.get(cycleId);
  if (store === undefined) {
    store = new CycleUploads(cycleId);
    stores.set(cycleId, store);
  }
  return store;
}

export function useUploads(store: CycleUploads): readonly UploadItem[] {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
