import type { Database, Statement } from 'better-sqlite3';

/**
 * Which data migrations inside the cycles' documents (`server/collab/doc-migrations.ts`) have run.
 * A migration is marked done only after every cycle was visited, so a crash halfway repeats it;
 * each migration is written to be harmless when repeated.
 */
export class DocMigrationsRepo {
  private readonly doneStmt: Statement<[string]>;
  private readonly markStmt: Statement<[string, number]>;
  private readonly cyclesStmt: Statement<[]>;
  private readonly layerUsersStmt: Statement<[string, string]>;

  constructor(db: Database) {
    this.doneStmt = db.prepare('SELECT 1 FROM doc_migrations WHERE name = ?');
    this.markStmt = db.prepare('INSERT OR IGNORE INTO doc_migrations (name, done_at) VALUES (?, ?)');
    this.cyclesStmt = db.prepare('SELECT id FROM cycles ORDER BY created_at, id');
    // Everyone who may have a private layer in the cycle: members now, and analysts who marked
    // theirs ready or published it (they may have left since).
    this.layerUsersStmt = db.prepare(
      'SELECT user_id AS id FROM memberships WHERE cycle_id = ? UNION SELECT user_id AS id FROM layer_status WHERE cycle_id = ? ORDER BY id',
    );
  }

  isDone(name: string): boolean {
    return this.doneStmt.get(name) !== undefined;
  }

  markDone(name: string): void {
    this.markStmt.run(name, Date.now());
  }

  cycleIds(): string[] {
    return (this.cyclesStmt.all() as { id: string }[]).map((r) => r.id);
  }

  layerUserIds(cycleId: string): string[] {
    return (this.layerUsersStmt.all(cycleId, cycleId) as { id: string }[]).map((r) => r.id);
  }
}
