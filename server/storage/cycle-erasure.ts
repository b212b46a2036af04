import type { SqlDb } from './sql.ts';

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
 * `secure_delete` overwrites the deleted cells on SQLite; `reclaim` then truncates the WAL (VACUUM
 * on PostgreSQL). The audit
 * log keeps its rows: they hold ids and reasons, never content.
 */
export class CycleErasureRepo {
  constructor(private readonly db: SqlDb) {}

  /** Transcripts of the cycle's files (counted before the files' erasure deletes them). */
  async transcripts(cycleId: string): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM transcripts WHERE cycle_id = ?', [cycleId]))!.n;
  }

  async eraseCycle(cycleId: string): Promise<CycleRowsErased> {
    const recordingsOf = '(SELECT id FROM recordings WHERE cycle_id = ?)';
    const erased = await this.db.transaction(async (tx): Promise<CycleRowsErased> => {
      const run = async (sql: string): Promise<number> => (await tx.run(sql, [cycleId])).changes;
      await run('INSERT INTO cycles_being_deleted (cycle_id) VALUES (?) ON CONFLICT DO NOTHING');
      const consentEvents = await run(`DELETE FROM consent_events WHERE recording_id IN ${recordingsOf}`);
      const transcripts = await run('DELETE FROM transcripts WHERE cycle_id = ?');
      await run(`DELETE FROM media_keys WHERE id IN (SELECT key_id FROM media_files WHERE key_id IS NOT NULL AND recording_id IN ${recordingsOf})`);
      const mediaRows = await run(`DELETE FROM media_files WHERE recording_id IN ${recordingsOf}`);
      // The client's codes and erasure receipts belong to its recordings (PORTAL-1, PORTAL-7).
      await run(`DELETE FROM client_codes WHERE recording_id IN ${recordingsOf}`);
      await run(`DELETE FROM erasure_receipts WHERE recording_id IN ${recordingsOf}`);
      const recordings = await run('DELETE FROM recordings WHERE cycle_id = ?');
      await run('DELETE FROM cycle_steps WHERE cycle_id = ?');
      await run('DELETE FROM worksheet_shares WHERE cycle_id = ?');
      // A link's own fragment files are erased when it ends; any row left (a crash) goes here, key first.
      await run('DELETE FROM media_keys WHERE id IN (SELECT f.key_id FROM fragment_link_files f JOIN fragment_links l ON l.id = f.link_id WHERE l.cycle_id = ?)');
      await run('DELETE FROM fragment_link_files WHERE link_id IN (SELECT id FROM fragment_links WHERE cycle_id = ?)');
      await run("DELETE FROM tab_sessions WHERE kind = 'fragment' AND subject IN (SELECT id FROM fragment_links WHERE cycle_id = ?)");
      await run('DELETE FROM fragment_links WHERE cycle_id = ?');
      await run('DELETE FROM layer_status WHERE cycle_id = ?');
      const memberships = await run('DELETE FROM memberships WHERE cycle_id = ?');
      // A later cycle that named this one as its previous one keeps going without it.
      await run('UPDATE cycles SET previous_cycle_id = NULL WHERE previous_cycle_id = ?');
      await run('DELETE FROM cycles WHERE id = ?');
      await run('DELETE FROM cycles_being_deleted WHERE cycle_id = ?');
      return { recordings, consentEvents, mediaRows, transcripts, memberships };
    });
    // Deleted rows leave the disk too (the WAL on SQLite, dead row versions on PostgreSQL).
    await this.db.reclaim(erasedTables);
    return erased;
  }
}

/** Tables whose rows a cycle's erasure deletes. */
const erasedTables = [
  'consent_events',
  'transcripts',
  'media_keys',
  'media_files',
  'client_codes',
  'erasure_receipts',
  'recordings',
  'cycle_steps',
  'worksheet_shares',
  'fragment_link_files',
  'tab_sessions',
  'fragment_links',
  'layer_status',
  'memberships',
  'cycles',
] as const;
