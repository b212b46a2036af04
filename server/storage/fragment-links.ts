import type { Database, Statement } from 'better-sqlite3';
import { hashToken, newId, randomToken } from './ids.ts';

/** One fragment a link shows: which recording and file it was cut from, which seconds. */
export interface LinkFragment {
  mediaId: string;
  recordingId: string;
  start: number;
  end: number;
  label: string;
}

/** The file made for one fragment of a link (FRAGLINK-2), encrypted under its own key. */
export interface LinkFileRow {
  id: string;
  link_id: string;
  position: number;
  key_id: string;
  size_bytes: number;
  mime: string;
  /** Where the fragment starts and ends in the file's own time (s). */
  file_start: number;
  file_end: number;
  created_at: number;
}

export interface FragmentLinkRow {
  id: string;
  cycle_id: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
  ended_reason: string | null;
  fragments: string;
}

export interface FragmentLink {
  id: string;
  cycleId: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  endedAt: number | null;
  fragments: LinkFragment[];
}

const toLink = (r: FragmentLinkRow): FragmentLink => ({
  id: r.id,
  cycleId: r.cycle_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  endedAt: r.ended_at,
  fragments: JSON.parse(r.fragments) as LinkFragment[],
});

/** Fragment links for the client interview and their files (FRAGLINK-*); their tab sessions are `tab-sessions.ts`. */
export class FragmentLinksRepo {
  private readonly s: Record<string, Statement>;

  private readonly addFileTx: (row: Omit<LinkFileRow, 'created_at'>, wrapped: Buffer) => void;
  private readonly eraseFilesTx: (linkId: string) => string[];

  constructor(private readonly db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p(
        `INSERT INTO fragment_links (id, cycle_id, token_hash, created_by, created_at, expires_at, fragments)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      byToken: p('SELECT * FROM fragment_links WHERE token_hash = ?'),
      byId: p('SELECT * FROM fragment_links WHERE id = ?'),
      ofCycle: p('SELECT * FROM fragment_links WHERE cycle_id = ? ORDER BY created_at DESC'),
      live: p('SELECT * FROM fragment_links WHERE ended_at IS NULL AND expires_at > ?'),
      end: p('UPDATE fragment_links SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL'),
      insertKey: p('INSERT INTO media_keys (id, wrapped, created_at) VALUES (?, ?, ?)'),
      insertFile: p(
        `INSERT INTO fragment_link_files (id, link_id, position, key_id, size_bytes, mime, file_start, file_end, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      files: p('SELECT * FROM fragment_link_files WHERE link_id = ? ORDER BY position'),
      file: p('SELECT * FROM fragment_link_files WHERE link_id = ? AND position = ?'),
      deleteKeys: p('DELETE FROM media_keys WHERE id IN (SELECT key_id FROM fragment_link_files WHERE link_id = ?)'),
      deleteFiles: p('DELETE FROM fragment_link_files WHERE link_id = ?'),
      // Links over (ended or expired) whose files are still there: the re-check erases them.
      over: p(
        `SELECT DISTINCT f.link_id FROM fragment_link_files f JOIN fragment_links l ON l.id = f.link_id
          WHERE l.ended_at IS NOT NULL OR l.expires_at <= ?`,
      ),
      allFileIds: p('SELECT id FROM fragment_link_files'),
      setFragments: p('UPDATE fragment_links SET fragments = ? WHERE id = ?'),
    };
    this.addFileTx = db.transaction((row: Omit<LinkFileRow, 'created_at'>, wrapped: Buffer) => {
      const now = Date.now();
      this.s.insertKey!.run(row.key_id, wrapped, now);
      this.s.insertFile!.run(row.id, row.link_id, row.position, row.key_id, row.size_bytes, row.mime, row.file_start, row.file_end, now);
    });
    this.eraseFilesTx = db.transaction((linkId: string) => {
      const ids = (this.s.files!.all(linkId) as LinkFileRow[]).map((f) => f.id);
      this.s.deleteKeys!.run(linkId);
      this.s.deleteFiles!.run(linkId);
      return ids;
    });
  }

  /** Stores a fragment's file row with its wrapped key, together (never one without the other). */
  addFile(row: Omit<LinkFileRow, 'created_at'>, wrapped: Buffer): void {
    this.addFileTx(row, wrapped);
  }

  files(linkId: string): LinkFileRow[] {
    return this.s.files!.all(linkId) as LinkFileRow[];
  }

  file(linkId: string, position: number): LinkFileRow | undefined {
    return this.s.file!.get(linkId, position) as LinkFileRow | undefined;
  }

  /**
   * Deletes a link's file rows and their keys (crypto-erasure: `secure_delete` overwrites the
   * rows, the WAL is truncated); returns the file ids whose bytes the caller deletes.
   */
  eraseFiles(linkId: string): string[] {
    const ids = this.eraseFilesTx(linkId);
    if (ids.length > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return ids;
  }

  /** Links that are over but still have files. */
  overWithFiles(now = Date.now()): string[] {
    return (this.s.over!.all(now) as { link_id: string }[]).map((r) => r.link_id);
  }

  /**
   * Replaces the names of a recording's fragments kept with the cycle's links (erase everything,
   * PORTAL-6): a link keeps its copy of each fragment's name for the client's page.
   */
  blankLabels(cycleId: string, recordingId: string, placeholder: string): number {
    let n = 0;
    for (const link of this.ofCycle(cycleId)) {
      let changed = false;
      const fragments = link.fragments.map((f) => {
        if (f.recordingId !== recordingId || f.label === '' || f.label === placeholder) return f;
        changed = true;
        return { ...f, label: placeholder };
      });
      if (!changed) continue;
      this.s.setFragments!.run(JSON.stringify(fragments), link.id);
      n++;
    }
    return n;
  }

  /** Every fragment file id (the sweep keeps them; anything else in the media folder is stray). */
  allFileIds(): string[] {
    return (this.s.allFileIds!.all() as { id: string }[]).map((r) => r.id);
  }

  /** Stores a new link; returns it with its secret (only ever here, never stored). */
  create(input: { cycleId: string; createdBy: string; ttlMs: number; fragments: LinkFragment[] }): { link: FragmentLink; token: string } {
    const id = newId();
    const token = randomToken();
    const now = Date.now();
    this.s.insert!.run(id, input.cycleId, hashToken(token), input.createdBy, now, now + input.ttlMs, JSON.stringify(input.fragments));
    return { link: this.get(id)!, token };
  }

  get(id: string): FragmentLink | undefined {
    const row = this.s.byId!.get(id) as FragmentLinkRow | undefined;
    return row ? toLink(row) : undefined;
  }

  byToken(token: string): FragmentLink | undefined {
    const row = this.s.byToken!.get(hashToken(token)) as FragmentLinkRow | undefined;
    return row ? toLink(row) : undefined;
  }

  ofCycle(cycleId: string): FragmentLink[] {
    return (this.s.ofCycle!.all(cycleId) as FragmentLinkRow[]).map(toLink);
  }

  /** Links neither ended nor expired (the re-check walks these). */
  live(now = Date.now()): FragmentLink[] {
    return (this.s.live!.all(now) as FragmentLinkRow[]).map(toLink);
  }

  /** Ends a link; false when it had already ended. */
  end(id: string, reason: string): boolean {
    return this.s.end!.run(Date.now(), reason, id).changes === 1;
  }

}
