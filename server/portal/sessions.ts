import { FailureLimiter } from '../auth/rate-limit.ts';
import { hashToken, randomToken } from '../storage/ids.ts';

/** How long a portal session lasts: long enough to read and withdraw, short enough for a shared phone. */
export const clientSessionMs = 15 * 60_000;
/** Wrong codes one address may try per window, and sessions one code may open per window (PORTAL-3). */
export const clientLoginLimits = { perAddress: 10, perCode: 10, windowMs: 15 * 60_000 } as const;

export interface ClientSession {
  recordingId: string;
  expiresAt: number;
}

/**
 * The client's portal sessions (PORTAL-2). In memory: they last minutes, a restart only asks the
 * client for the code again, and nothing about them needs to survive. The token is returned in the
 * response body and sent back in a header by the tab that holds it; it is never a cookie (so no
 * other tab or site can use it) and never read from a URL. Only its hash is kept.
 */
export class ClientSessions {
  private readonly sessions = new Map<string, ClientSession>();
  private readonly byAddress = new FailureLimiter(clientLoginLimits.perAddress, clientLoginLimits.windowMs);
  private readonly byCode = new FailureLimiter(clientLoginLimits.perCode, clientLoginLimits.windowMs);
  /** The clock (tests move it to expire sessions without waiting). */
  now: () => number = () => Date.now();

  /** Whether a login attempt from this address with this code may be tried at all. */
  mayTry(address: string, bareCode: string | null): boolean {
    const now = this.now();
    if (this.byAddress.isBlocked(address, now)) return false;
    return bareCode === null || !this.byCode.isBlocked(hashToken(bareCode), now);
  }

  /** Counts an attempt: every attempt counts against its code, failures also against the address. */
  attempted(address: string, bareCode: string | null, ok: boolean): void {
    const now = this.now();
    if (bareCode !== null) this.byCode.fail(hashToken(bareCode), now);
    if (!ok) this.byAddress.fail(address, now);
  }

  open(recordingId: string): { token: string; expiresAt: number } {
    const token = randomToken();
    const expiresAt = this.now() + clientSessionMs;
    this.sessions.set(hashToken(token), { recordingId, expiresAt });
    if (this.sessions.size > 10_000) this.prune();
    return { token, expiresAt };
  }

  /** Ends every session of a recording: a new code retires the old one and what it opened. */
  endFor(recordingId: string): void {
    for (const [k, s] of this.sessions) if (s.recordingId === recordingId) this.sessions.delete(k);
  }

  resolve(token: string): ClientSession | undefined {
    if (token.length > 100) return undefined;
    const key = hashToken(token);
    const s = this.sessions.get(key);
    if (!s) return undefined;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(key);
      return undefined;
    }
    return s;
  }

  private prune(): void {
    const now = this.now();
    for (const [k, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(k);
  }
}
