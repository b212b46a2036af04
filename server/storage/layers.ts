import type { SqlDb } from './sql.ts';

export interface LayerStatusRow {
  cycle_id: string;
  user_id: string;
  ready_at: number | null;
  published_at: number | null;
}

/** Intervision settings of a cycle and the publish state of each analyst's private layer. */
export class LayersRepo {
  constructor(private readonly db: SqlDb) {}

  async intervision(cycleId: string): Promise<{ blind: boolean; revealedAt: number | null }> {
    const row = await this.db.get<{ blind: number; revealedAt: number | null }>(
      'SELECT intervision_blind AS blind, revealed_at AS "revealedAt" FROM cycles WHERE id = ?',
      [cycleId],
    );
    return { blind: row?.blind === 1, revealedAt: row?.revealedAt ?? null };
  }

  async setBlind(cycleId: string, blind: boolean): Promise<void> {
    await this.db.run('UPDATE cycles SET intervision_blind = ?, revealed_at = NULL WHERE id = ?', [blind ? 1 : 0, cycleId]);
  }

  async markRevealed(cycleId: string): Promise<void> {
    await this.db.run('UPDATE cycles SET revealed_at = ? WHERE id = ?', [Date.now(), cycleId]);
  }

  markReady(cycleId: string, userId: string): Promise<void> {
    return this.upsert(cycleId, userId, Date.now(), null);
  }

  markPublished(cycleId: string, userId: string): Promise<void> {
    return this.upsert(cycleId, userId, Date.now(), Date.now());
  }

  private async upsert(cycleId: string, userId: string, readyAt: number | null, publishedAt: number | null): Promise<void> {
    await this.db.run(
      `INSERT INTO layer_status (cycle_id, user_id, ready_at, published_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (cycle_id, user_id) DO UPDATE SET
         ready_at = COALESCE(excluded.ready_at, layer_status.ready_at),
         published_at = COALESCE(excluded.published_at, layer_status.published_at)`,
      [cycleId, userId, readyAt, publishedAt],
    );
  }

  statuses(cycleId: string): Promise<LayerStatusRow[]> {
    return this.db.all<LayerStatusRow>('SELECT * FROM layer_status WHERE cycle_id = ?', [cycleId]);
  }
}
