import type { Database, Statement } from 'better-sqlite3';

export interface SharePerson {
  userId: string;
  name: string;
}

/**
 * Who may read an author's werkblad and core-question reflection in a cycle besides the author
 * (SELF-1). A grant counts only while both are members of the cycle.
 */
export class WorksheetSharesRepo {
  private readonly clear: Statement<[string, string]>;
  private readonly insert: Statement<[string, string, string, number]>;
  private readonly has: Statement<[string, string, string]>;
  private readonly viewers: Statement<[string, string]>;
  private readonly authors: Statement<[string, string]>;
  private readonly forget: Statement<[string, string, string]>;
  private readonly replaceTx: (cycleId: string, authorId: string, viewerIds: readonly string[]) => void;

  constructor(db: Database) {
    this.clear = db.prepare('DELETE FROM worksheet_shares WHERE cycle_id = ? AND author_id = ?');
    this.insert = db.prepare('INSERT OR IGNORE INTO worksheet_shares (cycle_id, author_id, viewer_id, created_at) VALUES (?, ?, ?, ?)');
    this.has = db.prepare(
      `SELECT 1 FROM worksheet_shares s
         JOIN memberships a ON a.cycle_id = s.cycle_id AND a.user_id = s.author_id
         JOIN memberships v ON v.cycle_id = s.cycle_id AND v.user_id = s.viewer_id
        WHERE s.cycle_id = ? AND s.author_id = ? AND s.viewer_id = ?`,
    );
    this.viewers = db.prepare(
      `SELECT u.id AS userId, u.name FROM worksheet_shares s JOIN users u ON u.id = s.viewer_id
         JOIN memberships v ON v.cycle_id = s.cycle_id AND v.user_id = s.viewer_id
        WHERE s.cycle_id = ? AND s.author_id = ? ORDER BY u.name`,
    );
    this.authors = db.prepare(
      `SELECT u.id AS userId, u.name FROM worksheet_shares s JOIN users u ON u.id = s.author_id
         JOIN memberships a ON a.cycle_id = s.cycle_id AND a.user_id = s.author_id
        WHERE s.cycle_id = ? AND s.viewer_id = ? ORDER BY u.name`,
    );
    this.forget = db.prepare('DELETE FROM worksheet_shares WHERE cycle_id = ? AND (author_id = ? OR viewer_id = ?)');
    this.replaceTx = db.transaction((cycleId: string, authorId: string, viewerIds: readonly string[]) => {
      this.clear.run(cycleId, authorId);
      const now = Date.now();
      for (const v of viewerIds) this.insert.run(cycleId, authorId, v, now);
    });
  }

  /** Replaces the author's grants in this cycle with exactly these viewers. */
  replace(cycleId: string, authorId: string, viewerIds: readonly string[]): void {
    this.replaceTx(cycleId, authorId, viewerIds);
  }

  /** A member left the cycle: their grants, both ways, end for good (coming back is not a share). */
  forgetMember(cycleId: string, userId: string): void {
    this.forget.run(cycleId, userId, userId);
  }

  mayRead(cycleId: string, authorId: string, viewerId: string): boolean {
    return authorId === viewerId || this.has.get(cycleId, authorId, viewerId) !== undefined;
  }

  viewersOf(cycleId: string, authorId: string): SharePerson[] {
    return this.viewers.all(cycleId, authorId) as SharePerson[];
  }

  sharedWith(cycleId: string, viewerId: string): SharePerson[] {
    return this.authors.all(cycleId, viewerId) as SharePerson[];
  }
}
