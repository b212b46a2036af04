import type { SqlDb } from './sql.ts';

/**
 * Which data migrations inside the cycles' documents (`server/collab/doc-migrations.ts`) have run.
 * A migration is marked done only after every cycle was visited, so a crash halfway repeats it;
 * each migration is written to be harmless when repeated.
 */
export class DocMigrationsRepo {
  constructor(private readonly db: SqlDb) {}

  async isDone(name: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 FROM doc_migrations WHERE name = ?', [name])) !== undefined;
  }

  async markDone(name: string): Promise<void> {
    await this.db.run('INSERT INTO doc_migrations (name, done_at) VALUES (?, ?) ON CONFLICT DO NOTHING', [name, Date.now()]);
  }

  async cycleIds(): Promise<string[]> {
    return (await this.db.all<{ id: string }>('SELECT id FROM cycles ORDER BY created_at, id')).map((r) => r.id);
  }

  /**
   * Everyone who may have a private layer in the cycle: members now, and analysts who marked
   * theirs ready or published it (they may have left since).
   */
  async layerUserIds(cycleId: string): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(
      'SELECT user_id AS id FROM memberships WHERE cycle_id = ? UNION SELECT user_id AS id FROM layer_status WHERE cycle_id = ? ORDER BY id',
      [cycleId, cycleId],
    );
    return rows.map((r) => r.id);
  }
}
