import { hashToken, randomToken } from '../storage/ids.ts';
import type { TabSessionKind, TabSessionsRepo } from '../storage/tab-sessions.ts';

export interface TabSession {
  /** What the session opens: a recording (portal) or a fragment link. */
  subject: string;
  expiresAt: number;
}

/** Longest token a tab can hand in (ours are 43 characters); longer ones are not even hashed. */
const maxTokenLength = 200;

/**
 * Short sessions of people without an account, one module for the client's portal (PORTAL-2) and
 * for fragment links (FRAGLINK-1). The token is a 256-bit secret returned once in a response
 * body; the tab keeps it in `sessionStorage` and sends it in a header, never in a URL or a cookie
 * (routes declare which header; the access hook reads only that). Only its hash is stored, in
 * SQLite, so a restart of the server keeps the session; past its expiry it is refused and removed.
 */
export class TabSessions {
  /** The clock (tests move it to expire sessions without waiting). */
  now: () => number = () => Date.now();
  private opened = 0;

  constructor(
    private readonly repo: TabSessionsRepo,
    readonly kind: TabSessionKind,
  ) {}

  async open(subject: string, expiresAt: number): Promise<{ token: string; expiresAt: number }> {
    const token = randomToken();
    const now = this.now();
    await this.repo.insert({ token_hash: hashToken(token), kind: this.kind, subject, created_at: now, expires_at: expiresAt });
    // Now and then, not on every open: expired rows are refused anyway.
    if (++this.opened % 100 === 0) await this.repo.prune(now);
    return { token, expiresAt };
  }

  async resolve(token: unknown): Promise<TabSession | undefined> {
    if (typeof token !== 'string' || token.length === 0 || token.length > maxTokenLength) return undefined;
    const hash = hashToken(token);
    const row = await this.repo.get(this.kind, hash);
    if (!row) return undefined;
    if (row.expires_at <= this.now()) {
      await this.repo.delete(hash);
      return undefined;
    }
    return { subject: row.subject, expiresAt: row.expires_at };
  }

  /** Ends every session of a subject at once. */
  endFor(subject: string): Promise<number> {
    return this.repo.deleteSubject(this.kind, subject);
  }
}

/**
 * Fixed-window counters kept in SQLite (a restart does not reset a limit). Keys are hashed with
 * their scope: the database holds no code and no address.
 */
export class StoredLimiter {
  constructor(
    private readonly repo: TabSessionsRepo,
    private readonly scope: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  private key(value: string): string {
    return hashToken(`${this.scope}:${value}`);
  }

  async isBlocked(value: string, now = Date.now()): Promise<boolean> {
    return (await this.repo.count(this.key(value), now)) >= this.max;
  }

  async hit(value: string, now = Date.now()): Promise<void> {
    await this.repo.hit(this.key(value), now, this.windowMs);
  }
}
