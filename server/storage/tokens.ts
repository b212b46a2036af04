import type { Database, Statement } from 'better-sqlite3';
import { hashToken, randomToken } from './ids.ts';

export type TokenPurpose = 'invite' | 'reset';

/** One-time tokens for invite and password-reset links; stored hashed, usable once. */
export class TokensRepo {
  private readonly insert: Statement<[string, string, TokenPurpose, number]>;
  private readonly find: Statement<[string, TokenPurpose]>;
  private readonly use: Statement<[number, string]>;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at) VALUES (?, ?, ?, ?)');
    this.find = db.prepare('SELECT user_id, expires_at, used_at FROM one_time_tokens WHERE token_hash = ? AND purpose = ?');
    this.use = db.prepare('UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL');
  }

  issue(userId: string, purpose: TokenPurpose, ttlMs: number): string {
    const token = randomToken();
    this.insert.run(hashToken(token), userId, purpose, Date.now() + ttlMs);
    return token;
  }

  /** Marks the token used and returns its user, or undefined if unknown, expired or used. */
  consume(token: string, purpose: TokenPurpose): string | undefined {
    const hash = hashToken(token);
    const row = this.find.get(hash, purpose) as { user_id: string; expires_at: number; used_at: number | null } | undefined;
    if (!row || row.used_at !== null || row.expires_at < Date.now()) return undefined;
    return this.use.run(Date.now(), hash).changes === 1 ? row.user_id : undefined;
  }
}
