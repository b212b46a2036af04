import type { Database, Statement } from 'better-sqlite3';
import { consentUses, noConsent, type ConsentDecisions, type ConsentEvent, type ConsentUse } from '../../shared/domain/consent.ts';
import type { MediaContainer, MediaStatus, MediaTrack } from '../../shared/domain/media.ts';
import { newId } from './ids.ts';

export interface RecordingRow {
  id: string;
  cycle_id: string;
  label: string;
  created_by: string | null;
  created_at: number;
  erased_at: number | null;
  erased_reason: string | null;
}

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

/** Recordings, media files, wrapped keys and the append-only consent history. */
export class MediaRepo {
  private readonly s: Record<string, Statement>;
  readonly eraseKeyTx: (mediaId: string, reason: string) => string | null;

  constructor(private readonly db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertRecording: p('INSERT INTO recordings (id, cycle_id, label, created_by, created_at) VALUES (?, ?, ?, ?, ?)'),
      recording: p('SELECT * FROM recordings WHERE id = ?'),
      recordingsOf: p('SELECT * FROM recordings WHERE cycle_id = ? ORDER BY created_at, rowid'),
      countRecordings: p('SELECT COUNT(*) AS n FROM recordings WHERE cycle_id = ?'),
      markRecordingErased: p('UPDATE recordings SET erased_at = ?, erased_reason = ? WHERE id = ? AND erased_at IS NULL'),
      insertKey: p('INSERT INTO media_keys (id, wrapped, created_at) VALUES (?, ?, ?)'),
      key: p('SELECT wrapped FROM media_keys WHERE id = ?'),
      deleteKey: p('DELETE FROM media_keys WHERE id = ?'),
      // A transcript is content of its file: it goes with the file's key (TRANSCRIPT-5).
      deleteTranscript: p('DELETE FROM transcripts WHERE media_id = ?'),
      insertMedia: p(
        `INSERT INTO media_files (id, recording_id, org_id, kind, status, key_id, file_name, mime, size_bytes, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'uploading', ?, ?, ?, ?, ?, ?, ?)`,
      ),
      media: p('SELECT * FROM media_files WHERE id = ?'),
      mediaOf: p("SELECT * FROM media_files WHERE recording_id = ? AND kind = ? ORDER BY created_at, rowid"),
      liveMediaOf: p("SELECT * FROM media_files WHERE recording_id = ? AND status != 'erased' ORDER BY created_at, rowid"),
      setReady: p(
        `UPDATE media_files SET status = 'ready', mime = ?, container = ?, duration_ms = ?, tracks = ?, faststart = ?, sha256 = ?, updated_at = ?
          WHERE id = ? AND status = 'uploading'`,
      ),
      touch: p('UPDATE media_files SET updated_at = ? WHERE id = ?'),
      setReceived: p("UPDATE media_files SET received_bytes = ?, updated_at = ? WHERE id = ? AND status = 'uploading'"),
      openUploads: p("SELECT COUNT(*) AS n FROM media_files WHERE created_by = ? AND status = 'uploading' AND kind = 'video'"),
      setKey: p('UPDATE media_files SET key_id = ?, updated_at = ? WHERE id = ?'),
      markErased: p(
        `UPDATE media_files SET status = 'erased', key_id = NULL, file_name = NULL, sha256 = NULL, tracks = NULL, erased_at = ?, erased_reason = ?
          WHERE id = ?`,
      ),
      deleteMedia: p('DELETE FROM media_files WHERE id = ?'),
      // Unfinished uploads count with what they received: a declared length reserves nothing.
      usage: p(
        `SELECT COALESCE(SUM(CASE WHEN status = 'uploading' THEN received_bytes ELSE size_bytes END), 0) AS n
           FROM media_files WHERE org_id = ? AND status != 'erased'`,
      ),
      staleUploads: p("SELECT * FROM media_files WHERE status = 'uploading' AND updated_at < ?"),
      insertConsent: p(
        `INSERT INTO consent_events (recording_id, at, actor_id, kind, decisions, changed, consent_date, recorded_by, lawful_basis, retention_until,
           client_signed_on, manager_signed_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      latestConsent: p('SELECT * FROM consent_events WHERE recording_id = ? ORDER BY id DESC LIMIT 1'),
      latestRecorded: p("SELECT * FROM consent_events WHERE recording_id = ? AND kind = 'recorded' ORDER BY id DESC LIMIT 1"),
      history: p(
        `SELECT e.*, u.name AS actor_name FROM consent_events e LEFT JOIN users u ON u.id = e.actor_id
          WHERE e.recording_id = ? ORDER BY e.id`,
      ),
      expired: p(
        `SELECT r.id FROM recordings r
          JOIN consent_events e ON e.id = (SELECT MAX(id) FROM consent_events WHERE recording_id = r.id AND kind = 'recorded')
         WHERE r.erased_at IS NULL AND e.retention_until IS NOT NULL AND e.retention_until < ?`,
      ),
      scanGate: p(
        `SELECT o.require_consent_scan AS required,
                EXISTS (SELECT 1 FROM media_files m WHERE m.recording_id = r.id AND m.kind = 'consent_form' AND m.status = 'ready') AS has_scan
           FROM recordings r JOIN cycles c ON c.id = r.cycle_id JOIN organisations o ON o.id = c.org_id
          WHERE r.id = ?`,
      ),
      liveCyclesOfOrg: p(
        `SELECT DISTINCT r.cycle_id FROM recordings r JOIN cycles c ON c.id = r.cycle_id
          WHERE c.org_id = ? AND r.erased_at IS NULL`,
      ),
      // Fragment links' own files live in the media folder too (FRAGLINK-2): not stray.
      allFileIds: p("SELECT id FROM media_files WHERE status != 'erased' UNION ALL SELECT id FROM fragment_link_files"),
      cycleOfMedia: p('SELECT r.cycle_id FROM media_files m JOIN recordings r ON r.id = m.recording_id WHERE m.id = ?'),
      deleteEmptyRecording: p(
        `DELETE FROM recordings WHERE id = ?
           AND NOT EXISTS (SELECT 1 FROM media_files WHERE recording_id = recordings.id)
           AND NOT EXISTS (SELECT 1 FROM consent_events WHERE recording_id = recordings.id)`,
      ),
    };
    // Erasure of a file's key and its identifying metadata in one transaction.
    this.eraseKeyTx = db.transaction((mediaId: string, reason: string) => {
      const row = this.media(mediaId);
      if (!row) return null;
      this.s.markErased!.run(Date.now(), reason, mediaId);
      if (row.key_id) this.s.deleteKey!.run(row.key_id);
      this.s.deleteTranscript!.run(mediaId);
      return row.key_id;
    });
  }

  createRecording(cycleId: string, label: string, createdBy: string | null): RecordingRow {
    const id = newId();
    this.s.insertRecording!.run(id, cycleId, label, createdBy, Date.now());
    return this.recording(id)!;
  }

  recording(id: string): RecordingRow | undefined {
    return this.s.recording!.get(id) as RecordingRow | undefined;
  }

  recordingsOf(cycleId: string): RecordingRow[] {
    return this.s.recordingsOf!.all(cycleId) as RecordingRow[];
  }

  nextLabel(cycleId: string): string {
    const { n } = this.s.countRecordings!.get(cycleId) as { n: number };
    return `video ${n + 1}`;
  }

  markRecordingErased(id: string, reason: string): void {
    this.s.markRecordingErased!.run(Date.now(), reason, id);
  }

  wrappedKey(id: string): Buffer | undefined {
    return (this.s.key!.get(id) as { wrapped: Buffer } | undefined)?.wrapped;
  }

  /** The cycle a media file belongs to (for access checks on /api/media/:mediaId). */
  cycleOfMedia(mediaId: string): string | undefined {
    return (this.s.cycleOfMedia!.get(mediaId) as { cycle_id: string } | undefined)?.cycle_id;
  }

  /** Removes a recording that never got a file or a consent decision (a refused first upload). */
  deleteEmptyRecording(id: string): boolean {
    return this.s.deleteEmptyRecording!.run(id).changes === 1;
  }

  /** Stores the wrapped key and the media row together: never one without the other. */
  createMediaWithKey(input: {
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
  }): MediaRow {
    const now = Date.now();
    this.db.transaction(() => {
      this.s.insertKey!.run(input.keyId, input.wrappedKey, now);
      this.s.insertMedia!.run(input.id, input.recordingId, input.orgId, input.kind, input.keyId, input.fileName, input.mime, input.sizeBytes, input.createdBy, now, now);
    })();
    return this.media(input.id)!;
  }

  media(id: string): MediaRow | undefined {
    return this.s.media!.get(id) as MediaRow | undefined;
  }

  mediaOf(recordingId: string, kind: MediaKind): MediaRow[] {
    return this.s.mediaOf!.all(recordingId, kind) as MediaRow[];
  }

  liveMediaOf(recordingId: string): MediaRow[] {
    return this.s.liveMediaOf!.all(recordingId) as MediaRow[];
  }

  setReady(id: string, r: MediaReady): boolean {
    const faststart = r.faststart === null ? null : r.faststart ? 1 : 0;
    return this.s.setReady!.run(r.mime, r.container, r.durationMs, JSON.stringify(r.tracks), faststart, r.sha256, Date.now(), id).changes === 1;
  }

  touch(id: string): void {
    this.s.touch!.run(Date.now(), id);
  }

  /** Records how much of an upload is stored (also marks it as touched). */
  setReceived(id: string, bytes: number): void {
    this.s.setReceived!.run(bytes, Date.now(), id);
  }

  /** Unfinished video uploads a person has open. */
  openUploads(userId: string): number {
    return (this.s.openUploads!.get(userId) as { n: number }).n;
  }

  addKey(id: string, wrapped: Buffer): void {
    this.s.insertKey!.run(id, wrapped, Date.now());
  }

  /** Points a file at a new key and destroys the old one (after a rewrite under a new key). */
  switchKey(mediaId: string, newKeyId: string): void {
    this.db.transaction(() => {
      const old = this.media(mediaId)?.key_id;
      this.s.setKey!.run(newKeyId, Date.now(), mediaId);
      if (old && old !== newKeyId) this.s.deleteKey!.run(old);
    })();
  }

  /** Destroys the file key and the file's identifying metadata; returns the destroyed key id. */
  eraseKey(mediaId: string, reason: string): string | null {
    return this.eraseKeyTx(mediaId, reason);
  }

  /** A refused or cancelled upload leaves no row at all (its key is deleted with it). */
  deleteMediaCompletely(mediaId: string): void {
    this.db.transaction(() => {
      const row = this.media(mediaId);
      if (!row) return;
      this.s.deleteMedia!.run(mediaId);
      if (row.key_id) this.s.deleteKey!.run(row.key_id);
    })();
  }

  orgUsage(orgId: string): number {
    return (this.s.usage!.get(orgId) as { n: number }).n;
  }

  staleUploads(before: number): MediaRow[] {
    return this.s.staleUploads!.all(before) as MediaRow[];
  }

  liveFileIds(): Set<string> {
    return new Set((this.s.allFileIds!.all() as { id: string }[]).map((r) => r.id));
  }

  addConsentEvent(e: ConsentEventInput): void {
    this.s.insertConsent!.run(
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
    );
  }

  /** The decisions in force (null when consent was never recorded), and the last recorded details. */
  currentConsent(recordingId: string): { decisions: ConsentDecisions; details: ConsentEventRow } | null {
    const last = this.s.latestConsent!.get(recordingId) as ConsentEventRow | undefined;
    const details = this.s.latestRecorded!.get(recordingId) as ConsentEventRow | undefined;
    if (!last || !details) return null;
    return { decisions: parseDecisions(last.decisions), details };
  }

  consentHistory(recordingId: string): ConsentEvent[] {
    const rows = this.s.history!.all(recordingId) as (ConsentEventRow & { actor_name: string | null })[];
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
  scanGate(recordingId: string): { required: boolean; hasScan: boolean } {
    const row = this.s.scanGate!.get(recordingId) as { required: number; has_scan: number } | undefined;
    return { required: row?.required === 1, hasScan: row?.has_scan === 1 };
  }

  /** Cycles of an organisation with a recording not erased (whose players an org setting affects). */
  liveCyclesOfOrg(orgId: string): string[] {
    return (this.s.liveCyclesOfOrg!.all(orgId) as { cycle_id: string }[]).map((r) => r.cycle_id);
  }

  /** Recordings (not yet erased) whose retention date lies before `today` (YYYY-MM-DD). */
  expiredRecordings(today: string): string[] {
    return (this.s.expired!.all(today) as { id: string }[]).map((r) => r.id);
  }

  /** Rewrites the WAL into the database and truncates it, so deleted pages leave the WAL too. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
