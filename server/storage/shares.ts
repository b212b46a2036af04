import type { SqlDb } from './sql.ts';

type Person = { userId: string; name: string };

/** Who may read a klantmanager's leeragenda besides themselves. */
export class SharesRepo {
  constructor(private readonly db: SqlDb) {}

  async share(ownerId: string, viewerId: string): Promise<void> {
    await this.db.run('INSERT INTO leeragenda_shares (owner_id, viewer_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [ownerId, viewerId, Date.now()]);
  }
  async unshare(ownerId: string, viewerId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM leeragenda_shares WHERE owner_id = ? AND viewer_id = ?', [ownerId, viewerId])).changes === 1;
  }
  async canView(ownerId: string, viewerId: string): Promise<boolean> {
    if (ownerId === viewerId) return true;
    return (await this.db.get('SELECT 1 FROM leeragenda_shares WHERE owner_id = ? AND viewer_id = ?', [ownerId, viewerId])) !== undefined;
  }
  viewersOf(ownerId: string): Promise<Person[]> {
    return this.db.all<Person>(
      'SELECT u.id AS "userId", u.name FROM leeragenda_shares s JOIN users u ON u.id = s.viewer_id WHERE s.owner_id = ? ORDER BY u.name',
      [ownerId],
    );
  }
  sharedWith(viewerId: string): Promise<Person[]> {
    return this.db.all<Person>(
      'SELECT u.id AS "userId", u.name FROM leeragenda_shares s JOIN users u ON u.id = s.owner_id WHERE s.viewer_id = ? ORDER BY u.name',
      [viewerId],
    );
  }
}
