import { hashToken, randomToken } from './ids.ts';
import type { SqlDb } from './sql.ts';

export type TokenPurpose = 'invite' | 'reset';

/** One-time tokens for invite and password-reset links; stored hashed, usable once. */
export class TokensRepo {
  constructor(private readonly db: SqlDb) {}

  async issue(userId: string, purpose: TokenPurpose, ttlMs: number): Promise<string> {
    const token = randomToken();
    await this.db.run('INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at) VALUES (?, ?, ?, ?)', [
      hashToken(token),
      userId,
      purpose,
      Date.now() + ttlMs,
    ]);
    return token;
  }

  /**
   * Issues a token and retires every earlier unused one of the same purpose, in one transaction:
   * only the newest password-reset link works (AUTH-8), so a leaked older mail is worthless.
   */
  issueReplacing(userId: string, purpose: TokenPurpose, ttlMs: number): Promise<string> {
    return this.db.transaction(async (tx) => {
      // Retired links count as used: the link in an older e-mail then says "al gebruikt of verlopen".
      await tx.run('UPDATE one_time_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL', [Date.now(), userId, purpose]);
      return this.issue(userId, purpose, ttlMs);
    });
  }

  /** Marks the token used and returns its user, or undefined if unknown, expired or used. */
  async consume(token: string, purpose: TokenPurpose): Promise<string | undefined> {
    const hash = hashToken(token);
    const row = await this.db.get<{ user_id: string; expires_at: number; used_at: number | null }>(
      'SELECT user_id, expires_at, used_at FROM one_time_tokens WHERE token_hash = ? AND purpose = ?',
      [hash, purpose],
    );
    if (!row || row.used_at !== null || row.expires_at < Date.now()) return undefined;
    const used = await this.db.run('UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL', [Date.now(), hash]);
    return used.changes === 1 ? row.user_id : undefined;
  }
}
