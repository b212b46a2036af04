import { consentUses, noConsent, type ConsentDecisions, type ConsentEvent, type ConsentUse } from '../../shared/domain/consent.ts';
import type { MediaContainer, MediaStatus, MediaTrack } from '../../shared/domain/media.ts';
import { newId } from './ids.ts';
import type { SqlDb } from './sql.ts';

export interface RecordingRow {
  id: string;
  cycle_id: string;
  label: string;
  created_by: string | null;
  created_at: number;
  erased_at: number | null;
  erased_reason: string | null;
}

/** How long a claim on a recording's erasure holds when its process never gives it back. */
export const erasureClaimStaleMs = 10 * 60_000;

export type MediaKind = 'video' | 'consent_form';

export interface MediaRow {
  id: string;
  recording_id: string;
  org_id: string;
  kind: MediaKind;
  status: MediaStatus;
  key_id: string | null;
  file_name: string | null;
  mime: string | null;
  container: MediaContainer | null;
  duration_ms: number | null;
  tracks: string | null;
  faststart: number | null;
  size_bytes: number;
  /** Bytes stored so far while uploading (what counts against the quota until it is ready). */
  received_bytes: number;
  sha256: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  erased_at: number | null;
  erased_reason: string | null;
}

export interface ConsentEventRow {
  id: number;
  recording_id: string;
  at: number;
  actor_id: string | null;
  kind: 'recorded' | 'withdrawn' | 'erased';
  decisions: string;
  changed: string;
  consent_date: string | null;
  recorded_by: string | null;
  lawful_basis: string | null;
  retention_until: string | null;
  client_signed_on: string | null;
  manager_signed_on: string | null;
}

export interface ConsentEventInput {
  recordingId: string;
  actorId: string | null;
  kind: ConsentEventRow['kind'];
  decisions: ConsentDecisions;
  changed: ConsentUse[];
  consentDate?: string | null;
  recordedBy?: string | null;
  lawfulBasis?: string | null;
  retentionUntil?: string | null;
  clientSignedOn?: string | null;
  managerSignedOn?: string | null;
}

export interface MediaReady {
  mime: string;
  container: MediaContainer | null;
  durationMs: number | null;
  tracks: MediaTrack[];
  faststart: boolean | null;
  sha256: string;
}

function parseDecisions(json: string): ConsentDecisions {
  const raw = JSON.parse(json) as Partial<Record<string, unknown>>;
  const d = noConsent();
  for (const u of consentUses) d[u] = raw[u] === true;
  return d;
}

const sql = (insertionOrder: string) => ({
      insertRecording: 'INSERT INTO recordings (id, cycle_id, label, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
      recording: 'SELECT * FROM recordings WHERE id = ?',
      recordingsOf: `SELECT * FROM recordings WHERE cycle_id = ? ORDER BY created_at, ${insertionOrder}`,
      countRecordings: 'SELECT COUNT(*) AS n FROM recordings WHERE cycle_id = ?',
      markRecordingErased: 'UPDATE recordings SET erased_at = ?, erased_reason = ? WHERE id = ? AND erased_at IS NULL',
      claimErasure:
        'UPDATE recordings SET erasure_claimed_at = ? WHERE id = ? AND erased_at IS NULL AND (erasure_claimed_at IS NULL OR erasure_claimed_at < ?)',
      releaseErasure: 'UPDATE recordings SET erasure_claimed_at = NULL WHERE id = ? AND erasure_claimed_at = ?',
      insertKey: 'INSERT INTO media_keys (id, wrapped, created_at) VALUES (?, ?, ?)',
      key: 'SELECT wrapped FROM media_keys WHERE id = ?',
      deleteKey: 'DELETE FROM media_keys WHERE id = ?',
      // A transcript is content of its file: it goes with the file's key (TRANSCRIPT-5).
      deleteTranscript: 'DELETE FROM transcripts WHERE media_id = ?',
      insertMedia: `INSERT INTO media_files (id, recording_id, org_id, kind, status, key_id, file_name, mime, size_bytes, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'uploading', ?, ?, ?, ?, ?, ?, ?)`,
      media: 'SELECT * FROM media_files WHERE id = ?',
      mediaOf: `SELECT * FROM media_files WHERE recording_id = ? AND kind = ? ORDER BY created_at, ${insertionOrder}`,
      liveMediaOf: `SELECT * FROM media_files WHERE recording_id = ? AND status != 'erased' ORDER BY created_at, ${insertionOrder}`,
      setReady: `UPDATE media_files SET status = 'ready', mime = ?, container = ?, duration_ms = ?, tracks = ?, faststart = ?, sha256 = ?, updated_at = ?
          WHERE id = ? AND status = 'uploading'`,
      touch: 'UPDATE media_files SET updated_at = ? WHERE id = ?',
      setReceived: "UPDATE media_files SET received_bytes = ?, updated_at = ? WHERE id = ? AND status = 'uploading'",
      openUploads: "SELECT COUNT(*) AS n FROM media_files WHERE created_by = ? AND status = 'uploading' AND kind = 'video'",
      setKey: 'UPDATE media_files SET key_id = ?, updated_at = ? WHERE id = ?',
      markErased: `UPDATE media_files SET status = 'erased', key_id = NULL, file_name = NULL, sha256 = NULL, tracks = NULL, erased_at = ?, erased_reason = ?
          WHERE id = ?`,
      deleteMedia: 'DELETE FROM media_files WHERE id = ?',
      // Unfinished uploads count with what they received: a declared length reserves nothing.
      usage: `SELECT COALESCE(SUM(CASE WHEN status = 'uploading' THEN received_bytes ELSE size_bytes END), 0) AS n
           FROM media_files WHERE org_id = ? AND status != 'erased'`,
      staleUploads: "SELECT * FROM media_files WHERE status = 'uploading' AND updated_at < ?",
      insertConsent: `INSERT INTO consent_events (recording_id, at, actor_id, kind, decisions, changed, consent_date, recorded_by, lawful_basis, retention_until,
           client_signed_on, manager_signed_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      latestConsent: 'SELECT * FROM consent_events WHERE recording_id = ? ORDER BY id DESC LIMIT 1',
      latestRecorded: "SELECT * FROM consent_events WHERE recording_id = ? AND kind = 'recorded' ORDER BY id DESC LIMIT 1",
      history: `SELECT e.*, u.name AS actor_name FROM consent_events e LEFT JOIN users u ON u.id = e.actor_id
          WHERE e.recording_id = ? ORDER BY e.id`,
      expired: `SELECT r.id FROM recordings r
          JOIN consent_events e ON e.id = (SELECT MAX(id) FROM consent_events WHERE recording_id = r.id AND kind = 'recorded')
         WHERE r.erased_at IS NULL AND e.retention_until IS NOT NULL AND e.retention_until < ?`,
      scanGate: `SELECT o.require_consent_scan AS required,
                EXISTS (SELECT 1 FROM media_files m WHERE m.recording_id = r.id AND m.kind = 'consent_form' AND m.status = 'ready') AS has_scan
           FROM recordings r JOIN cycles c ON c.id = r.cycle_id JOIN organisations o ON o.id = c.org_id
          WHERE r.id = ?`,
      liveCyclesOfOrg: `SELECT DISTINCT r.cycle_id FROM recordings r JOIN cycles c ON c.id = r.cycle_id
          WHERE c.org_id = ? AND r.erased_at IS NULL`,
      // Fragment links' own files live in the media folder too (FRAGLINK-2): not stray.
      allFileIds: "SELECT id FROM media_files WHERE status != 'erased' UNION ALL SELECT id FROM fragment_link_files",
      cycleOfMedia: 'SELECT r.cycle_id FROM media_files m JOIN recordings r ON r.id = m.recording_id WHERE m.id = ?',
      deleteEmptyRecording: `DELETE FROM recordings WHERE id = ?
           AND NOT EXISTS (SELECT 1 FROM media_files WHERE recording_id = recordings.id)
           AND NOT EXISTS (SELECT 1 FROM consent_events WHERE recording_id = recordings.id)`,
});

/** Recordings, media files, wrapped keys and the append-only consent history. */
export class MediaRepo {
  private readonly s: ReturnType<typeof sql>;

  constructor(private readonly db: SqlDb) {
    // Ties in creation time keep insertion order: SQLite's rowid; PostgreSQL has none, so the id.
    this.s = sql(db.dialect === 'sqlite' ? 'rowid' : 'id');
  }

  async createRecording(cycleId: string, label: string, createdBy: string | null): Promise<RecordingRow> {
    const id = newId();
    await this.db.run(this.s.insertRecording, [id, cycleId, label, createdBy, Date.now()]);
    return (await this.recording(id))!;
  }

  recording(id: string): Promise<RecordingRow | undefined> {
    return this.db.get<RecordingRow>(this.s.recording, [id]);
  }

  recordingsOf(cycleId: string): Promise<RecordingRow[]> {
    return this.db.all<RecordingRow>(this.s.recordingsOf, [cycleId]);
  }

  async nextLabel(cycleId: string): Promise<string> {
    const { n } = (await this.db.get<{ n: number }>(this.s.countRecordings, [cycleId]))!;
    return `video ${n + 1}`;
  }

  /**
   * Claims the complete erasure of a recording for this caller, in one statement, so that of two
   * processes asking at once exactly one gets it. Refused when the recording is erased already
   * or another claim is younger than `staleMs` (a process that died mid-erasure leaves one
   * behind; after that time the erasure may be taken up again). Returns the claim's time, for
   * `releaseErasure`, or null.
   */
  async claimErasure(id: string, now = Date.now(), staleMs = erasureClaimStaleMs): Promise<number | null> {
    const { changes } = await this.db.run(this.s.claimErasure, [now, id, now - staleMs]);
    return changes === 1 ? now : null;
  }

  /** Gives a claim back (the erasure ended, or failed and may be tried again at once). */
  async releaseErasure(id: string, claimedAt: number): Promise<void> {
    await this.db.run(this.s.releaseErasure, [id, claimedAt]);
  }

  async markRecordingErased(id: string, reason: string): Promise<void> {
    await this.db.run(this.s.markRecordingErased, [Date.now(), reason, id]);
  }

  async wrappedKey(id: string): Promise<Buffer | undefined> {
    return (await this.db.get<{ wrapped: Buffer }>(this.s.key, [id]))?.wrapped;
  }

  /** The cycle a media file belongs to (for access checks on /api/media/:mediaId). */
  async cycleOfMedia(mediaId: string): Promise<string | undefined> {
    return (await this.db.get<{ cycle_id: string }>(this.s.cycleOfMedia, [mediaId]))?.cycle_id;
  }

  /** Removes a recording that never got a file or a consent decision (a refused first upload). */
  async deleteEmptyRecording(id: string): Promise<boolean> {
    return (await this.db.run(this.s.deleteEmptyRecording, [id])).changes === 1;
  }

  /** Stores the wrapped key and the media row together: never one without the other. */
  async createMediaWithKey(input: {
    id: string;
    recordingId: string;
    orgId: string;
    kind: MediaKind;
    keyId: string;
    fileName: string | null;
    mime: string | null;
    sizeBytes: number;
    createdBy: string | null;
    wrappedKey: Buffer;
  }): Promise<MediaRow> {
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      await tx.run(this.s.insertKey, [input.keyId, input.wrappedKey, now]);
      await tx.run(this.s.insertMedia, [input.id, input.recordingId, input.orgId, input.kind, input.keyId, input.fileName, input.mime, input.sizeBytes, input.createdBy, now, now]);
    });
    return (await this.media(input.id))!;
  }

  media(id: string): Promise<MediaRow | undefined> {
    return this.db.get<MediaRow>(this.s.media, [id]);
  }

  mediaOf(recordingId: string, kind: MediaKind): Promise<MediaRow[]> {
    return this.db.all<MediaRow>(this.s.mediaOf, [recordingId, kind]);
  }

  liveMediaOf(recordingId: string): Promise<MediaRow[]> {
    return this.db.all<MediaRow>(this.s.liveMediaOf, [recordingId]);
  }

  async setReady(id: string, r: MediaReady): Promise<boolean> {
    const faststart = r.faststart === null ? null : r.faststart ? 1 : 0;
    return (await this.db.run(this.s.setReady, [r.mime, r.container, r.durationMs, JSON.stringify(r.tracks), faststart, r.sha256, Date.now(), id])).changes === 1;
  }

  async touch(id: string): Promise<void> {
    await this.db.run(this.s.touch, [Date.now(), id]);
  }

  /** Records how much of an upload is stored (also marks it as touched). */
  async setReceived(id: string, bytes: number): Promise<void> {
    await this.db.run(this.s.setReceived, [bytes, Date.now(), id]);
  }

  /** Unfinished video uploads a person has open. */
  async openUploads(userId: string): Promise<number> {
    return (await this.db.get<{ n: number }>(this.s.openUploads, [userId]))!.n;
  }

  async addKey(id: string, wrapped: Buffer): Promise<void> {
    await this.db.run(this.s.insertKey, [id, wrapped, Date.now()]);
  }

  /** Points a file at a new key and destroys the old one (after a rewrite under a new key). */
  switchKey(mediaId: string, newKeyId: string): Promise<void> {
    return this.db.transaction(async (tx) => {
      const old = (await tx.get<MediaRow>(this.s.media, [mediaId]))?.key_id;
      await tx.run(this.s.setKey, [newKeyId, Date.now(), mediaId]);
      if (old && old !== newKeyId) await tx.run(this.s.deleteKey, [old]);
    });
  }

  /**
   * Destroys the file key and the file's identifying metadata in one transaction; returns the
   * destroyed key id (null for an unknown file).
   */
  eraseKey(mediaId: string, reason: string): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get<MediaRow>(this.s.media, [mediaId]);
      if (!row) return null;
      await tx.run(this.s.markErased, [Date.now(), reason, mediaId]);
      if (row.key_id) await tx.run(this.s.deleteKey, [row.key_id]);
      await tx.run(this.s.deleteTranscript, [mediaId]);
      return row.key_id;
    });
  }

  /** A refused or cancelled upload leaves no row at all (its key is deleted with it). */
  deleteMediaCompletely(mediaId: string): Promise<void> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get<MediaRow>(this.s.media, [mediaId]);
      if (!row) return;
      await tx.run(this.s.deleteMedia, [mediaId]);
      if (row.key_id) await tx.run(this.s.deleteKey, [row.key_id]);
    });
  }

  async orgUsage(orgId: string): Promise<number> {
    return (await this.db.get<{ n: number }>(this.s.usage, [orgId]))!.n;
  }

  staleUploads(before: number): Promise<MediaRow[]> {
    return this.db.all<MediaRow>(this.s.staleUploads, [before]);
  }

  async liveFileIds(): Promise<Set<string>> {
    return new Set((await this.db.all<{ id: string }>(this.s.allFileIds)).map((r) => r.id));
  }

  async addConsentEvent(e: ConsentEventInput): Promise<void> {
    await this.db.run(this.s.insertConsent, [
      e.recordingId,
      Date.now(),
      e.actorId,
      e.kind,
      JSON.stringify(e.decisions),
      JSON.stringify(e.changed),
      e.consentDate ?? null,
      e.recordedBy ?? null,
      e.lawfulBasis ?? null,
      e.retentionUntil ?? null,
      e.clientSignedOn ?? null,
      e.managerSignedOn ?? null,
    ]);
  }

  /** The decisions in force (null when consent was never recorded), and the last recorded details. */
  async currentConsent(recordingId: string): Promise<{ decisions: ConsentDecisions; details: ConsentEventRow } | null> {
    const last = await this.db.get<ConsentEventRow>(this.s.latestConsent, [recordingId]);
    const details = await this.db.get<ConsentEventRow>(this.s.latestRecorded, [recordingId]);
    if (!last || !details) return null;
    return { decisions: parseDecisions(last.decisions), details };
  }

  async consentHistory(recordingId: string): Promise<ConsentEvent[]> {
    const rows = await this.db.all<ConsentEventRow & { actor_name: string | null }>(this.s.history, [recordingId]);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorName: r.actor_name,
      kind: r.kind,
      decisions: parseDecisions(r.decisions),
      changed: (JSON.parse(r.changed) as ConsentUse[]).filter((u) => (consentUses as readonly string[]).includes(u)),
      consentDate: r.consent_date,
      recordedBy: r.recorded_by,
      lawfulBasis: r.lawful_basis,
      retentionUntil: r.retention_until,
      clientSignedOn: r.client_signed_on,
      managerSignedOn: r.manager_signed_on,
    }));
  }

  /** SCANGATE-1: does the recording's organisation ask for the form's scan, and is it there? */
  async scanGate(recordingId: string): Promise<{ required: boolean; hasScan: boolean }> {
    const row = await this.db.get<{ required: number; has_scan: number | boolean }>(this.s.scanGate, [recordingId]);
    // EXISTS is 0/1 on SQLite and a boolean on PostgreSQL.
    return { required: row?.required === 1, hasScan: row?.has_scan === 1 || row?.has_scan === true };
  }

  /** Cycles of an organisation with a recording not erased (whose players an org setting affects). */
  async liveCyclesOfOrg(orgId: string): Promise<string[]> {
    return (await this.db.all<{ cycle_id: string }>(this.s.liveCyclesOfOrg, [orgId])).map((r) => r.cycle_id);
  }

  /** Recordings (not yet erased) whose retention date lies before `today` (YYYY-MM-DD). */
  async expiredRecordings(today: string): Promise<string[]> {
    return (await this.db.all<{ id: string }>(this.s.expired, [today])).map((r) => r.id);
  }

  /**
   * Takes (or renews) the right to write an upload's bytes for `ttlMs` (SCALE-9); false while
   * another holder's lease has not expired.
   */
  async takeUploadLease(mediaId: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
    const res = await this.db.run(
      `INSERT INTO upload_leases (media_id, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (media_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE upload_leases.holder = excluded.holder OR upload_leases.expires_at < ?`,
      [mediaId, holder, now + ttlMs, now],
    );
    return res.changes === 1;
  }

  /** Who holds a live lease on the upload, if anyone. */
  async uploadLeaseHolder(mediaId: string, now = Date.now()): Promise<string | undefined> {
    return (await this.db.get<{ holder: string }>('SELECT holder FROM upload_leases WHERE media_id = ? AND expires_at >= ?', [mediaId, now]))?.holder;
  }

  async releaseUploadLease(mediaId: string, holder: string): Promise<void> {
    await this.db.run('DELETE FROM upload_leases WHERE media_id = ? AND holder = ?', [mediaId, holder]);
  }

  /** Erased key rows and metadata leave the disk (WAL truncated on SQLite, VACUUM on PostgreSQL). */
  checkpoint(): Promise<void> {
    return this.db.reclaim(['media_keys', 'media_files', 'transcripts', 'recordings', 'consent_events']);
  }
}
