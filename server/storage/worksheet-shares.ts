import type { SqlDb } from './sql.ts';

export interface SharePerson {
  userId: string;
  name: string;
}

/**
 * Who may read an author's werkblad and core-question reflection in a cycle besides the author
 * (SELF-1). A grant counts only while both are members of the cycle.
 */
export class WorksheetSharesRepo {
  constructor(private readonly db: SqlDb) {}

  /** Replaces the author's grants in this cycle with exactly these viewers. */
  replace(cycleId: string, authorId: string, viewerIds: readonly string[]): Promise<void> {
    return this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM worksheet_shares WHERE cycle_id = ? AND author_id = ?', [cycleId, authorId]);
      const now = Date.now();
      for (const v of viewerIds) {
        await tx.run('INSERT INTO worksheet_shares (cycle_id, author_id, viewer_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [cycleId, authorId, v, now]);
      }
    });
  }

  /** A member left the cycle: their grants, both ways, end for good (coming back is not a share). */
  async forgetMember(cycleId: string, userId: string): Promise<void> {
    await this.db.run('DELETE FROM worksheet_shares WHERE cycle_id = ? AND (author_id = ? OR viewer_id = ?)', [cycleId, userId, userId]);
  }

  async mayRead(cycleId: string, authorId: string, viewerId: string): Promise<boolean> {
    if (authorId === viewerId) return true;
    const row = await this.db.get(
      `SELECT 1 FROM worksheet_shares s
         JOIN memberships a ON a.cycle_id = s.cycle_id AND a.user_id = s.author_id
         JOIN memberships v ON v.cycle_id = s.cycle_id AND v.user_id = s.viewer_id
        WHERE s.cycle_id = ? AND s.author_id = ? AND s.viewer_id = ?`,
      [cycleId, authorId, viewerId],
    );
    return row !== undefined;
  }

  viewersOf(cycleId: string, authorId: string): Promise<SharePerson[]> {
    return this.db.all<SharePerson>(
      `SELECT u.id AS "userId", u.name FROM worksheet_shares s JOIN users u ON u.id = s.viewer_id
         JOIN memberships v ON v.cycle_id = s.cycle_id AND v.user_id = s.viewer_id
        WHERE s.cycle_id = ? AND s.author_id = ? ORDER BY u.name`,
      [cycleId, authorId],
    );
  }

  sharedWith(cycleId: string, viewerId: string): Promise<SharePerson[]> {
    return this.db.all<SharePerson>(
      `SELECT u.id AS "userId", u.name FROM worksheet_shares s JOIN users u ON u.id = s.author_id
         JOIN memberships a ON a.cycle_id = s.cycle_id AND a.user_id = s.author_id
        WHERE s.cycle_id = ? AND s.viewer_id = ? ORDER BY u.name`,
      [cycleId, viewerId],
    );
  }
}
