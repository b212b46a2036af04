import type { Database, Statement } from 'better-sqlite3';

export interface CycleRowsErased {
  recordings: number;
  consentEvents: number;
  mediaRows: number;
  transcripts: number;
  memberships: number;
}

/**
 * Deletes every row of a cycle (DELETE-1) in one transaction, after its media files were erased
 * one by one (keys, bytes, transcripts) and its documents were deleted from the document store.
 * `secure_delete` overwrites the deleted cells; the caller truncates the WAL afterwards. The audit
 * log keeps its rows: they hold ids and reasons, never content.
 */
export class CycleErasureRepo {
  private readonly tx: (cycleId: string) => CycleRowsErased;
  private readonly transcriptCount: Statement<[string]>;

  constructor(private readonly db: Database) {
    const run = (sql: string): Statement<[string]> => db.prepare(sql);
    this.transcriptCount = run('SELECT COUNT(*) AS n FROM transcripts WHERE cycle_id = ?');
    const recordingsOf = '(SELECT id FROM recordings WHERE cycle_id = ?)';
    const s = {
      mark: run('INSERT OR IGNORE INTO cycles_being_deleted (cycle_id) VALUES (?)'),
      consent: run(`DELETE FROM consent_events WHERE recording_id IN ${recordingsOf}`),
      transcripts: run('DELETE FROM transcripts WHERE cycle_id = ?'),
      keys: run(`DELETE FROM media_keys WHERE id IN (SELECT key_id FROM media_files WHERE key_id IS NOT NULL AND recording_id IN ${recordingsOf})`),
      media: run(`DELETE FROM media_files WHERE recording_id IN ${recordingsOf}`),
      // The client's codes and erasure receipts belong to its recordings (PORTAL-1, PORTAL-7).
      clientCodes: run(`DELETE FROM client_codes WHERE recording_id IN ${recordingsOf}`),
      receipts: run(`DELETE FROM erasure_receipts WHERE recording_id IN ${recordingsOf}`),
      recordings: run('DELETE FROM recordings WHERE cycle_id = ?'),
      steps: run('DELETE FROM cycle_steps WHERE cycle_id = ?'),
      worksheetShares: run('DELETE FROM worksheet_shares WHERE cycle_id = ?'),
      // A link's own fragment files are erased when it ends; any row left (a crash) goes here, key first.
      linkKeys: run('DELETE FROM media_keys WHERE id IN (SELECT f.key_id FROM fragment_link_files f JOIN fragment_links l ON l.id = f.link_id WHERE l.cycle_id = ?)'),
      linkFiles: run('DELETE FROM fragment_link_files WHERE link_id IN (SELECT id FROM fragment_links WHERE cycle_id = ?)'),
      sessions: run("DELETE FROM tab_sessions WHERE kind = 'fragment' AND subject IN (SELECT id FROM fragment_links WHERE cycle_id = ?)"),
      links: run('DELETE FROM fragment_links WHERE cycle_id = ?'),
      layers: run('DELETE FROM layer_status WHERE cycle_id = ?'),
      members: run('DELETE FROM memberships WHERE cycle_id = ?'),
      // A later cycle that named this one as its previous one keeps going without it.
      next: run('UPDATE cycles SET previous_cycle_id = NULL WHERE previous_cycle_id = ?'),
      cycle: run('DELETE FROM cycles WHERE id = ?'),
      unmark: run('DELETE FROM cycles_being_deleted WHERE cycle_id = ?'),
    };
    this.tx = db.transaction((cycleId: string): CycleRowsErased => {
      s.mark.run(cycleId);
      const consentEvents = s.consent.run(cycleId).changes;
      const transcripts = s.transcripts.run(cycleId).changes;
      s.keys.run(cycleId);
      const mediaRows = s.media.run(cycleId).changes;
      s.clientCodes.run(cycleId);
      s.receipts.run(cycleId);
      const recordings = s.recordings.run(cycleId).changes;
      s.steps.run(cycleId);
      s.worksheetShares.run(cycleId);
      s.linkKeys.run(cycleId);
      s.linkFiles.run(cycleId);
      s.sessions.run(cycleId);
      s.links.run(cycleId);
      s.layers.run(cycleId);
      const memberships = s.members.run(cycleId).changes;
      s.next.run(cycleId);
      s.cycle.run(cycleId);
      s.unmark.run(cycleId);
      return { recordings, consentEvents, mediaRows, transcripts, memberships };
    });
  }

  /** Transcripts of the cycle's files (counted before the files' erasure deletes them). */
  transcripts(cycleId: string): number {
    return (this.transcriptCount.get(cycleId) as { n: number }).n;
  }

  eraseCycle(cycleId: string): CycleRowsErased {
    const erased = this.tx(cycleId);
    // Deleted pages leave the WAL too.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return erased;
  }
}
