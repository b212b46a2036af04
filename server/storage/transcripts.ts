import type { SqlDb } from './sql.ts';
import type { Cue, SpeakerMapping, TranscriptFormat } from '../../shared/transcript/types.ts';

export interface TranscriptRecord {
  mediaId: string;
  cycleId: string;
  format: TranscriptFormat;
  cues: Cue[];
  speakers: SpeakerMapping[];
  importedBy: string;
  importedAt: number;
  updatedAt: number;
}

interface Row {
  media_id: string;
  cycle_id: string;
  format: TranscriptFormat;
  cues: string;
  speakers: string;
  imported_by: string;
  imported_at: number;
  updated_at: number;
}

/** One transcript per media file. Erasure of the file deletes it (see `MediaRepo.eraseKeyTx`). */
export class TranscriptsRepo {
  constructor(private readonly db: SqlDb) {}

  async put(t: { mediaId: string; cycleId: string; format: TranscriptFormat; cues: Cue[]; speakers: SpeakerMapping[]; importedBy: string }): Promise<void> {
    const now = Date.now();
    await this.db.run(
      `INSERT INTO transcripts (media_id, cycle_id, format, cues, speakers, imported_by, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (media_id) DO UPDATE SET format = excluded.format, cues = excluded.cues, speakers = excluded.speakers,
         imported_by = excluded.imported_by, imported_at = excluded.imported_at, updated_at = excluded.updated_at`,
      [t.mediaId, t.cycleId, t.format, JSON.stringify(t.cues), JSON.stringify(t.speakers), t.importedBy, now, now],
    );
  }

  async get(mediaId: string): Promise<TranscriptRecord | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM transcripts WHERE media_id = ?', [mediaId]);
    if (!r) return undefined;
    return {
      mediaId: r.media_id,
      cycleId: r.cycle_id,
      format: r.format,
      cues: JSON.parse(r.cues) as Cue[],
      speakers: JSON.parse(r.speakers) as SpeakerMapping[],
      importedBy: r.imported_by,
      importedAt: r.imported_at,
      updatedAt: r.updated_at,
    };
  }

  /**
   * Deletes a transcript (the owner's choice). The database runs with `secure_delete`, so the
   * freed pages are overwritten; the caller reclaims the table so no copy stays in the WAL either.
   */
  async delete(mediaId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM transcripts WHERE media_id = ?', [mediaId])).changes === 1;
  }

  async setSpeakers(mediaId: string, speakers: SpeakerMapping[]): Promise<boolean> {
    return (await this.db.run('UPDATE transcripts SET speakers = ?, updated_at = ? WHERE media_id = ?', [JSON.stringify(speakers), Date.now(), mediaId])).changes === 1;
  }
}
