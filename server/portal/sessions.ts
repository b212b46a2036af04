import { StoredLimiter, TabSessions } from '../auth/tab-sessions.ts';
import type { TabSessionsRepo } from '../storage/tab-sessions.ts';

/** How long a portal session lasts: long enough to read and withdraw, short enough for a shared phone. */
export const clientSessionMs = 15 * 60_000;
/** Wrong codes one address may try per window, and sessions one code may open per window (PORTAL-3). */
export const clientLoginLimits = { perAddress: 10, perCode: 10, windowMs: 15 * 60_000 } as const;

export interface ClientSession {
  recordingId: string;
  expiresAt: number;
}

/**
 * The client's portal sessions (PORTAL-2) and login limits (PORTAL-3), on the tab sessions shared
 * with fragment links (`server/auth/tab-sessions.ts`): kept in SQLite, so a restart neither logs
 * the client out nor resets a limit. The token is returned in the response body and sent back in
 * a header by the tab that holds it; never a cookie, never read from a URL; only its hash is kept.
 */
export class ClientSessions {
  private readonly sessions: TabSessions;
  private readonly byAddress: StoredLimiter;
  private readonly byCode: StoredLimiter;

  constructor(repo: TabSessionsRepo) {
    this.sessions = new TabSessions(repo, 'client');
    this.byAddress = new StoredLimiter(repo, 'client-address', clientLoginLimits.perAddress, clientLoginLimits.windowMs);
    this.byCode = new StoredLimiter(repo, 'client-code', clientLoginLimits.perCode, clientLoginLimits.windowMs);
  }

  /** The clock (tests move it to expire sessions without waiting). */
  get now(): () => number {
    return this.sessions.now;
  }
  set now(clock: () => number) {
    this.sessions.now = clock;
  }

  /** Whether a login attempt from this address with this code may be tried at all. */
  async mayTry(address: string, bareCode: string | null): Promise<boolean> {
    const now = this.now();
    if (await this.byAddress.isBlocked(address, now)) return false;
    return bareCode === null || !(await this.byCode.isBlocked(bareCode, now));
  }

  /** Counts an attempt: every attempt counts against its code, failures also against the address. */
  async attempted(address: string, bareCode: string | null, ok: boolean): Promise<void> {
    const now = this.now();
    if (bareCode !== null) await this.byCode.hit(bareCode, now);
    if (!ok) await this.byAddress.hit(address, now);
  }

  open(recordingId: string): Promise<{ token: string; expiresAt: number }> {
    return this.sessions.open(recordingId, this.now() + clientSessionMs);
  }

  /** Ends every session of a recording: a new code retires the old one and what it opened. */
  async endFor(recordingId: string): Promise<void> {
    await this.sessions.endFor(recordingId);
  }

  async resolve(token: unknown): Promise<ClientSession | undefined> {
    const s = await this.sessions.resolve(token);
    return s ? { recordingId: s.subject, expiresAt: s.expiresAt } : undefined;
  }
}
