import type { Database, Statement } from 'better-sqlite3';

export interface LayerStatusRow {
  cycle_id: string;
  user_id: string;
  ready_at: number | null;
  published_at: number | null;
}

/** Intervision settings of a cycle and the publish state of each analyst's private layer. */
export class LayersRepo {
  private readonly settings: Statement<[string]>;
  private readonly setBlindStmt: Statement<[number, string]>;
  private readonly revealStmt: Statement<[number, string]>;
  private readonly upsert: Statement<[string, string, number | null, number | null]>;
  private readonly forCycle: Statement<[string]>;

  constructor(db: Database) {
    this.settings = db.prepare('SELECT intervision_blind AS blind, revealed_at AS revealedAt FROM cycles WHERE id = ?');
    this.setBlindStmt = db.prepare('UPDATE cycles SET intervision_blind = ?, revealed_at = NULL WHERE id = ?');
    this.revealStmt = db.prepare('UPDATE cycles SET revealed_at = ? WHERE id = ?');
    this.upsert = db.prepare(
      `INSERT INTO layer_status (cycle_id, user_id, ready_at, published_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (cycle_id, user_id) DO UPDATE SET
         ready_at = COALESCE(excluded.ready_at, layer_status.ready_at),
         published_at = COALESCE(excluded.published_at, layer_status.published_at)`,
    );
    this.forCycle = db.prepare('SELECT * FROM layer_status WHERE cycle_id = ?');
  }

  intervision(cycleId: string): { blind: boolean; revealedAt: number | null } {
    const row = this.settings.get(cycleId) as { blind: number; revealedAt: number | null } | undefined;
    return { blind: row?.blind === 1, revealedAt: row?.revealedAt ?? null };
  }

  setBlind(cycleId: string, blind: boolean): void {
    this.setBlindStmt.run(blind ? 1 : 0, cycleId);
  }

  markRevealed(cycleId: string): void {
    this.revealStmt.run(Date.now(), cycleId);
  }

  markReady(cycleId: string, userId: string): void {
    this.upsert.run(cycleId, userId, Date.now(), null);
  }

  markPublished(cycleId: string, userId: string): void {
    this.upsert.run(cycleId, userId, Date.now(), Date.now());
  }

  statuses(cycleId: string): LayerStatusRow[] {
    return this.forCycle.all(cycleId) as LayerStatusRow[];
  }
}
