import type { SqlDb } from './sql.ts';
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
  constructor(private readonly db: SqlDb) {}

  /** Stores a fragment's file row with its wrapped key, together (never one without the other). */
  addFile(row: Omit<LinkFileRow, 'created_at'>, wrapped: Buffer): Promise<void> {
    return this.db.transaction(async (tx) => {
      const now = Date.now();
      await tx.run('INSERT INTO media_keys (id, wrapped, created_at) VALUES (?, ?, ?)', [row.key_id, wrapped, now]);
      await tx.run(
        `INSERT INTO fragment_link_files (id, link_id, position, key_id, size_bytes, mime, file_start, file_end, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [row.id, row.link_id, row.position, row.key_id, row.size_bytes, row.mime, row.file_start, row.file_end, now],
      );
    });
  }

  files(linkId: string): Promise<LinkFileRow[]> {
    return this.db.all<LinkFileRow>('SELECT * FROM fragment_link_files WHERE link_id = ? ORDER BY position', [linkId]);
  }

  file(linkId: string, position: number): Promise<LinkFileRow | undefined> {
    return this.db.get<LinkFileRow>('SELECT * FROM fragment_link_files WHERE link_id = ? AND position = ?', [linkId, position]);
  }

  /**
   * Deletes a link's file rows and their keys (crypto-erasure: `secure_delete` overwrites the
   * rows, `reclaim` truncates the WAL); returns the file ids whose bytes the caller deletes.
   */
  async eraseFiles(linkId: string): Promise<string[]> {
    const ids = await this.db.transaction(async (tx) => {
      const rows = await tx.all<{ id: string }>('SELECT id FROM fragment_link_files WHERE link_id = ? ORDER BY position', [linkId]);
      await tx.run('DELETE FROM media_keys WHERE id IN (SELECT key_id FROM fragment_link_files WHERE link_id = ?)', [linkId]);
      await tx.run('DELETE FROM fragment_link_files WHERE link_id = ?', [linkId]);
      return rows.map((f) => f.id);
    });
    if (ids.length > 0) await this.db.reclaim(['media_keys', 'fragment_link_files']);
    return ids;
  }

  /** Links that are over (ended or expired) but whose files are still there: the re-check erases them. */
  async overWithFiles(now = Date.now()): Promise<string[]> {
    const rows = await this.db.all<{ link_id: string }>(
      `SELECT DISTINCT f.link_id FROM fragment_link_files f JOIN fragment_links l ON l.id = f.link_id
        WHERE l.ended_at IS NOT NULL OR l.expires_at <= ?`,
      [now],
    );
    return rows.map((r) => r.link_id);
  }

  /**
   * Replaces the names of a recording's fragments kept with the cycle's links (erase everything,
   * PORTAL-6): a link keeps its copy of each fragment's name for the client's page.
   */
  async blankLabels(cycleId: string, recordingId: string, placeholder: string): Promise<number> {
    let n = 0;
    for (const link of await this.ofCycle(cycleId)) {
      let changed = false;
      const fragments = link.fragments.map((f) => {
        if (f.recordingId !== recordingId || f.label === '' || f.label === placeholder) return f;
        changed = true;
        return { ...f, label: placeholder };
      });
      if (!changed) continue;
      await this.db.run('UPDATE fragment_links SET fragments = ? WHERE id = ?', [JSON.stringify(fragments), link.id]);
      n++;
    }
    return n;
  }

  /** Every fragment file id (the sweep keeps them; anything else in the media folder is stray). */
  async allFileIds(): Promise<string[]> {
    return (await this.db.all<{ id: string }>('SELECT id FROM fragment_link_files')).map((r) => r.id);
  }

  /** Stores a new link; returns it with its secret (only ever here, never stored). */
  async create(input: { cycleId: string; createdBy: string; ttlMs: number; fragments: LinkFragment[] }): Promise<{ link: FragmentLink; token: string }> {
    const id = newId();
    const token = randomToken();
    const now = Date.now();
    await this.db.run(
      `INSERT INTO fragment_links (id, cycle_id, token_hash, created_by, created_at, expires_at, fragments)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [id, input.cycleId, hashToken(token), input.createdBy, now, now + input.ttlMs, JSON.stringify(input.fragments)],
    );
    return { link: (await this.get(id))!, token };
  }

  async get(id: string): Promise<FragmentLink | undefined> {
    const row = await this.db.get<FragmentLinkRow>('SELECT * FROM fragment_links WHERE id = ?', [id]);
    return row ? toLink(row) : undefined;
  }

  async byToken(token: string): Promise<FragmentLink | undefined> {
    const row = await this.db.get<FragmentLinkRow>('SELECT * FROM fragment_links WHERE token_hash = ?', [hashToken(token)]);
    return row ? toLink(row) : undefined;
  }

  async ofCycle(cycleId: string): Promise<FragmentLink[]> {
    return (await this.db.all<FragmentLinkRow>('SELECT * FROM fragment_links WHERE cycle_id = ? ORDER BY created_at DESC', [cycleId])).map(toLink);
  }

  /** Links neither ended nor expired (the re-check walks these). */
  async live(now = Date.now()): Promise<FragmentLink[]> {
    return (await this.db.all<FragmentLinkRow>('SELECT * FROM fragment_links WHERE ended_at IS NULL AND expires_at > ?', [now])).map(toLink);
  }

  /** Ends a link; false when it had already ended. */
  async end(id: string, reason: string): Promise<boolean> {
    return (await this.db.run('UPDATE fragment_links SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL', [Date.now(), reason, id])).changes === 1;
  }
}
