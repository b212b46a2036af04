import type { Database, Statement } from 'better-sqlite3';

/** Who may read a klantmanager's leeragenda besides themselves. */
export class SharesRepo {
  private readonly insert: Statement<[string, string, number]>;
  private readonly remove: Statement<[string, string]>;
  private readonly has: Statement<[string, string]>;
  private readonly viewers: Statement<[string]>;
  private readonly owners: Statement<[string]>;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO leeragenda_shares (owner_id, viewer_id, created_at) VALUES (?, ?, ?)');
    this.remove = db.prepare('DELETE FROM leeragenda_shares WHERE owner_id = ? AND viewer_id = ?');
    this.has = db.prepare('SELECT 1 FROM leeragenda_shares WHERE owner_id = ? AND viewer_id = ?');
    this.viewers = db.prepare(
      'SELECT u.id AS userId, u.name FROM leeragenda_shares s JOIN users u ON u.id = s.viewer_id WHERE s.owner_id = ? ORDER BY u.name',
    );
    this.owners = db.prepare(
      'SELECT u.id AS userId, u.name FROM leeragenda_shares s JOIN users u ON u.id = s.owner_id WHERE s.viewer_id = ? ORDER BY u.name',
    );
  }

  share(ownerId: string, viewerId: string): void {
    this.insert.run(ownerId, viewerId, Date.now());
  }
  unshare(ownerId: string, viewerId: string): boolean {
    return this.remove.run(ownerId, viewerId).changes === 1;
  }
  canView(ownerId: string, viewerId: string): boolean {
    return ownerId === viewerId || this.has.get(ownerId, viewerId) !== undefined;
  }
  viewersOf(ownerId: string): { userId: string; name: string }[] {
    return this.viewers.all(ownerId) as { userId: string; name: string }[];
  }
  sharedWith(viewerId: string): { userId: string; name: string }[] {
    return this.owners.all(viewerId) as { userId: string; name: string }[];
  }
}
