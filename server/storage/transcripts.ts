import type { Database, Statement } from 'better-sqlite3';
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
  private readonly upsert: Statement<[string, string, string, string, string, string, number, number]>;
  private readonly one: Statement<[string]>;
  private readonly speakersUpdate: Statement<[string, number, string]>;
  private readonly remove: Statement<[string]>;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO transcripts (media_id, cycle_id, format, cues, speakers, imported_by, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (media_id) DO UPDATE SET format = excluded.format, cues = excluded.cues, speakers = excluded.speakers,
         imported_by = excluded.imported_by, imported_at = excluded.imported_at, updated_at = excluded.updated_at`,
    );
    this.one = db.prepare('SELECT * FROM transcripts WHERE media_id = ?');
    this.speakersUpdate = db.prepare('UPDATE transcripts SET speakers = ?, updated_at = ? WHERE media_id = ?');
    this.remove = db.prepare('DELETE FROM transcripts WHERE media_id = ?');
  }

  put(t: { mediaId: string; cycleId: string; format: TranscriptFormat; cues: Cue[]; speakers: SpeakerMapping[]; importedBy: string }): void {
    const now = Date.now();
    this.upsert.run(t.mediaId, t.cycleId, t.format, JSON.stringify(t.cues), JSON.stringify(t.speakers), t.importedBy, now, now);
  }

  get(mediaId: string): TranscriptRecord | undefined {
    const r = this.one.get(mediaId) as Row | undefined;
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
   * freed pages are overwritten; the caller truncates the WAL so no copy stays there either.
   */
  delete(mediaId: string): boolean {
    return this.remove.run(mediaId).changes === 1;
  }

  setSpeakers(mediaId: string, speakers: SpeakerMapping[]): boolean {
    return this.speakersUpdate.run(JSON.stringify(speakers), Date.now(), mediaId).changes === 1;
  }
}
