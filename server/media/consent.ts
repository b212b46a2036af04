import fsp from 'node:fs/promises';
import path from 'node:path';
import { cycleRoles } from '../../shared/domain/access.ts';
import { canPlay, consentUses, noConsent, type ConsentDecisions, type ConsentState, type ConsentUse } from '../../shared/domain/consent.ts';
import type { RecordConsentBody } from '../../shared/protocol/media.ts';
import { AppError } from '../plugins/errors.ts';
import type { MediaRepo, MediaRow, RecordingRow } from '../storage/media.ts';
import { todayUtc, type ErasureReason, type MediaFiles } from './files.ts';
import type { MediaPlayback } from './playback.ts';
import type { UploadPipeline } from './uploads.ts';

export async function consentStateOf(repo: MediaRepo, recording: RecordingRow): Promise<ConsentState> {
  const current = await repo.currentConsent(recording.id);
  // The scan gate (SCANGATE-1) is part of the one state every playback decision reads.
  const gate = await repo.scanGate(recording.id);
  return {
    recorded: current !== null,
    decisions: current?.decisions ?? noConsent(),
    erased: recording.erased_at !== null,
    scanMissing: gate.required && !gate.hasScan,
  };
}

/**
 * Consent per use and erasure: recording and withdrawing consent (access of roles that lose it
 * ends at once), erasing files and recordings, and the retention sweep.
 */
export class ConsentAndErasure {
  constructor(
    private readonly files: MediaFiles,
    private readonly uploads: UploadPipeline,
    private readonly playback: MediaPlayback,
  ) {}

  private get o() {
    return this.files.o;
  }

  consentState(recording: RecordingRow): Promise<ConsentState> {
    return consentStateOf(this.o.repo, recording);
  }

  async recordConsent(recording: RecordingRow, body: RecordConsentBody, actorId: string): Promise<void> {
    if (recording.erased_at !== null) throw new AppError('media_erased');
    if (body.retentionUntil < todayUtc()) throw new AppError('validation_failed', 'retention date in the past');
    const before = await this.consentState(recording);
    const changed = consentUses.filter((u) => !before.recorded || before.decisions[u] !== body.decisions[u]);
    await this.o.repo.addConsentEvent({
      recordingId: recording.id,
      actorId,
      kind: 'recorded',
      decisions: body.decisions,
      changed,
      consentDate: body.consentDate ?? body.clientSignedOn,
      clientSignedOn: body.clientSignedOn,
      managerSignedOn: body.managerSignedOn,
      recordedBy: body.recordedBy,
      lawfulBasis: body.lawfulBasis,
      retentionUntil: body.retentionUntil,
    });
    await this.o.audit.record({
      actorId,
      action: 'consent_recorded',
      cycleId: recording.cycle_id,
      target: recording.id,
      detail: { granted: consentUses.filter((u) => body.decisions[u]).join(','), retentionUntil: body.retentionUntil },
    });
    await this.applyChange(recording, before, await this.consentState(recording));
  }

  /** Withdraws some uses (access of the affected roles ends at once) or everything (erasure). */
  async withdrawConsent(recording: RecordingRow, uses: readonly ConsentUse[] | 'all', actorId: string | null, by: 'owner' | 'client' = 'owner'): Promise<void> {
    if (recording.erased_at !== null) throw new AppError('media_erased');
    const before = await this.consentState(recording);
    const after: ConsentDecisions = { ...before.decisions };
    const list = uses === 'all' ? consentUses : uses;
    for (const u of list) after[u] = false;
    if (uses !== 'all' && !before.recorded) throw new AppError('bad_request', 'nothing recorded to withdraw');
    const changed = consentUses.filter((u) => before.decisions[u] && !after[u]);
    await this.o.repo.addConsentEvent({ recordingId: recording.id, actorId, kind: 'withdrawn', decisions: after, changed });
    await this.o.audit.record({
      actorId,
      action: 'consent_withdrawn',
      cycleId: recording.cycle_id,
      target: recording.id,
      // The client has no account: the log says it was the client, by recording (PORTAL-5).
      detail: { uses: uses === 'all' ? 'all' : list.join(','), ...(by === 'client' ? { by } : {}) },
    });
    if (uses === 'all') {
      await this.eraseRecording(recording, 'withdrawn', actorId);
    } else {
      await this.applyChange(recording, before, await this.consentState(recording));
    }
  }

  /** Cuts open streams and collab sockets of every role that can no longer play. */
  private async applyChange(recording: RecordingRow, before: ConsentState, after: ConsentState): Promise<void> {
    const lost = cycleRoles.filter((r) => canPlay(r, before).allowed && !canPlay(r, after).allowed);
    const cut = this.playback.cutStreams((s) => s.recordingId === recording.id && !canPlay(s.role, after).allowed).length;
    if (cut > 0) await this.o.audit.record({ actorId: null, action: 'streams_cut', cycleId: recording.cycle_id, target: recording.id, detail: { streams: cut } });
    if (lost.length > 0) this.o.onAccessLost(recording.cycle_id, lost, recording.id);
    await this.o.onConsentChanged?.(recording.cycle_id);
  }

  /**
   * Erases one file: open streams cut, an upload in progress aborted, the key destroyed (row
   * deleted under secure_delete, WAL truncated), the bytes and any partial files deleted. The
   * audit entry names the file id and the reason, never content.
   */
  async eraseMedia(row: MediaRow, reason: ErasureReason, actorId: string | null, cycleId: string): Promise<void> {
    this.playback.cutStreams((s) => s.mediaId === row.id);
    await this.uploads.abort(row.id);
    await this.o.repo.eraseKey(row.id, reason);
    await this.files.unlinkFiles(row.id);
    await this.o.repo.checkpoint();
    await this.o.audit.record({ actorId, action: 'media_erased', cycleId, target: row.id, detail: { reason, kind: row.kind } });
  }

  /** Erases every file of a recording (video and consent-form scan); the recording stays as a label. */
  async eraseRecording(recording: RecordingRow, reason: ErasureReason, actorId: string | null): Promise<void> {
    const before = await this.consentState(recording);
    for (const row of await this.o.repo.liveMediaOf(recording.id)) await this.eraseMedia(row, reason, actorId, recording.cycle_id);
    await this.o.repo.markRecordingErased(recording.id, reason);
    await this.o.repo.addConsentEvent({ recordingId: recording.id, actorId, kind: 'erased', decisions: noConsent(), changed: [] });
    await this.o.audit.record({ actorId, action: 'media_erased', cycleId: recording.cycle_id, target: recording.id, detail: { reason, scope: 'recording' } });
    const after = await this.consentState((await this.o.repo.recording(recording.id))!);
    await this.applyChange(recording, before, after);
    // Everyone in the cycle re-reads the recordings list.
    this.o.onAccessLost(recording.cycle_id, [...cycleRoles], recording.id);
  }

  /**
   * The retention sweep: erases recordings whose retention date has passed, removes abandoned
   * uploads, and deletes stray files no row refers to (left by a crash). Runs at start-up and daily.
   */
  async sweep(now = Date.now()): Promise<{ erased: number; abandoned: number; stray: number }> {
    let erased = 0;
    let stray = 0;
    for (const id of await this.o.repo.expiredRecordings(todayUtc(now))) {
      const rec = await this.o.repo.recording(id);
      if (!rec) continue;
      if (this.o.eraseExpired) await this.o.eraseExpired(rec);
      else await this.eraseRecording(rec, 'retention', null);
      erased++;
    }
    const abandoned = await this.uploads.expireStale(now);
    // Files no row refers to (a crash between steps). Only old ones: a file is created right
    // after its row, and this scan must never race an upload that is just starting.
    const live = await this.o.repo.liveFileIds();
    for (const name of await fsp.readdir(this.files.dir).catch(() => [] as string[])) {
      const id = name.slice(0, 36);
      if (live.has(id) || this.uploads.isActive(id)) continue;
      const file = path.join(this.files.dir, name);
      const st = await fsp.stat(file).catch(() => null);
      if (!st || now - st.mtimeMs < 10 * 60_000) continue;
      await fsp.rm(file, { force: true });
      stray++;
    }
    return { erased, abandoned, stray };
  }
}
