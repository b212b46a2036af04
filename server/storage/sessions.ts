import { hashToken, randomToken } from './ids.ts';
import type { SqlDb } from './sql.ts';

export interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ended_at: number | null;
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** Server-side sessions: the cookie holds a random token, the database only its hash. */
export class SessionsRepo {
  constructor(
    private readonly db: SqlDb,
    private readonly policy: SessionPolicy,
  ) {}

  async create(userId: string, now = Date.now()): Promise<{ token: string; row: SessionRow }> {
    const { token, row, written } = this.mint(userId, now);
    await written;
    return { token, row };
  }

  /**
   * A new session whose token and row are known at once, with the write under way (`written`).
   * Tests mint many sessions this way without waiting on each.
   */
  mint(userId: string, now = Date.now()): { token: string; row: SessionRow; written: Promise<void> } {
    const token = randomToken();
    const row: SessionRow = {
      id_hash: hashToken(token),
      user_id: userId,
      csrf_token: randomToken(),
      created_at: now,
      last_seen_at: now,
      expires_at: now + this.policy.absoluteMs,
      ended_at: null,
    };
    const written = this.db
      .run('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
        row.id_hash,
        row.user_id,
        row.csrf_token,
        row.created_at,
        row.last_seen_at,
        row.expires_at,
      ])
      .then(() => undefined);
    return { token, row, written };
  }

  /** The live session for a cookie token, or undefined when unknown, ended, idle or expired. */
  async resolve(token: string, now = Date.now()): Promise<SessionRow | undefined> {
    const row = await this.getByHash(hashToken(token));
    if (!row || !this.isLive(row, now)) return undefined;
    return row;
  }

  getByHash(idHash: string): Promise<SessionRow | undefined> {
    return this.db.get<SessionRow>('SELECT * FROM sessions WHERE id_hash = ?', [idHash]);
  }

  isLive(row: SessionRow, now = Date.now()): boolean {
    return row.ended_at === null && now < row.expires_at && now - row.last_seen_at < this.policy.idleMs;
  }

  async touch(row: SessionRow, now = Date.now()): Promise<void> {
    // Writing on every request would cost a commit each; a minute of resolution is plenty.
    if (now - row.last_seen_at > 60_000 || this.policy.idleMs < 120_000) {
      await this.db.run('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?', [now, row.id_hash]);
    }
  }

  async end(idHash: string): Promise<void> {
    await this.db.run('UPDATE sessions SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL', [Date.now(), idHash]);
  }

  async endAllForUser(userId: string): Promise<void> {
    await this.db.run('UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL', [Date.now(), userId]);
  }
}
