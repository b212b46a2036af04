import type { Database, Statement } from 'better-sqlite3';
import { hashToken, randomToken } from './ids.ts';

export type TokenPurpose = 'invite' | 'reset';

/** One-time tokens for invite and password-reset links; stored hashed, usable once. */
export class TokensRepo {
  private readonly insert: Statement<[string, string, TokenPurpose, number]>;
  private readonly find: Statement<[string, TokenPurpose]>;
  private readonly use: Statement<[number, string]>;
  private readonly retire: Statement<[number, string, TokenPurpose]>;
  private readonly replaceTx: (userId: string, purpose: TokenPurpose, ttlMs: number) => string;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at) VALUES (?, ?, ?, ?)');
    this.find = db.prepare('SELECT user_id, expires_at, used_at FROM one_time_tokens WHERE token_hash = ? AND purpose = ?');
    this.use = db.prepare('UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL');
    // Retired links count as used: the link in an older e-mail then says "al gebruikt of verlopen".
    this.retire = db.prepare('UPDATE one_time_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL');
    this.replaceTx = db.transaction((userId: string, purpose: TokenPurpose, ttlMs: number) => {
      this.retire.run(Date.now(), userId, purpose);
      return this.issue(userId, purpose, ttlMs);
    });
  }

  issue(userId: string, purpose: TokenPurpose, ttlMs: number): string {
    const token = randomToken();
    this.insert.run(hashToken(token), userId, purpose, Date.now() + ttlMs);
    return token;
  }

  /**
   * Issues a token and retires every earlier unused one of the same purpose, in one transaction:
   * only the newest password-reset link works (AUTH-8), so a leaked older mail is worthless.
   */
  issueReplacing(userId: string, purpose: TokenPurpose, ttlMs: number): string {
    return this.replaceTx(userId, purpose, ttlMs);
  }

  /** Marks the token used and returns its user, or undefined if unknown, expired or used. */
  consume(token: string, purpose: TokenPurpose): string | undefined {
    const hash = hashToken(token);
    const row = this.find.get(hash, purpose) as { user_id: string; expires_at: number; used_at: number | null } | undefined;
    if (!row || row.used_at !== null || row.expires_at < Date.now()) return undefined;
    return this.use.run(Date.now(), hash).changes === 1 ? row.user_id : undefined;
  }
}
