import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { CycleRole } from '../../shared/domain/access.ts';
import { deliverLink, type LinkPurpose } from '../mail/mailer.ts';
import type { AccountRequestRow } from '../storage/audit.ts';
import type { UserRow } from '../storage/users.ts';

export const INVITE_TTL_MS = 7 * 24 * 3_600_000;
export const RESET_TTL_MS = 60 * 60_000;
/** A reset the beheerder hands over takes longer to arrive than one a person asks for themselves. */
export const ADMIN_RESET_TTL_MS = 24 * 3_600_000;

/**
 * How a one-time link reached its person: by mail, or (no SMTP configured, or the mail failed)
 * as `link` for the beheerder's screen, once, in this response only. The token is stored hashed;
 * nothing else keeps the plaintext.
 */
export type LinkDelivery = { delivery: 'mail' } | { delivery: 'link'; link: string };

export async function issueLink(
  app: FastifyInstance,
  log: FastifyBaseLogger,
  user: Pick<UserRow, 'id' | 'email' | 'name'>,
  purpose: LinkPurpose,
  opts: { ttlMs: number; validity: string; invitedBy?: string },
): Promise<LinkDelivery> {
  // A new link retires the earlier unused ones of the same kind: only the newest works.
  const token = await app.repos.tokens.issueReplacing(user.id, purpose, opts.ttlMs);
  const link = `${app.config.publicUrl}/wachtwoord#token=${token}`;
  const how = await deliverLink(app.mailer, log, purpose, user, link, opts);
  return how === 'mail' ? { delivery: 'mail' } : { delivery: 'link', link };
}

/** Open requests for an address; read before the account exists (its creation closes them). */
export async function requestsFor(app: FastifyInstance, orgId: string, email: string): Promise<AccountRequestRow[]> {
  return (await app.repos.auditQueries.openAccountRequests(orgId)).filter((r) => r.email === email);
}

/**
 * When the beheerder creates an account someone asked for, the person joins the cycles it was
 * asked for, in the role asked, as added by the owner who asked (if they still own the cycle).
 */
export async function grantRequestedMemberships(app: FastifyInstance, user: UserRow, requests: readonly AccountRequestRow[]): Promise<number> {
  const { repos } = app;
  let added = 0;
  for (const r of requests) {
    if ((await repos.cycles.role(r.cycleId, r.requesterId)) !== 'owner' || (await repos.cycles.role(r.cycleId, user.id))) continue;
    const role: Exclude<CycleRole, 'owner'> = r.role === 'colleague' ? 'colleague' : 'researcher';
    await repos.cycles.addMember(r.cycleId, user.id, role, r.requesterId);
    await repos.audit.record({ actorId: r.requesterId, action: 'member_added', cycleId: r.cycleId, target: user.id, detail: { role, via: 'account_request' } });
    added++;
  }
  return added;
}
