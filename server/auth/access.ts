import type { CycleRole } from '../../shared/domain/access.ts';

/**
 * Every route declares who may call it in `config.access`; a route without one is refused
 * (default deny), and the authorisation-matrix test fails on it.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'admin' }
  /** A member of the cycle in route param `id` with one of `roles`. Administrators never pass. */
  | { kind: 'cycle'; roles: readonly CycleRole[] }
  /** A member of the cycle that media file `mediaId` belongs to (with one of `roles` when given);
   * consent is checked by the route. */
  | { kind: 'media'; roles?: readonly CycleRole[] }
  /** The client's tab, by the session token a fragment link was exchanged for (FRAGLINK-1);
   * never a member's cookie. The link must still be allowed (not ended or expired, consent). */
  | { kind: 'fragmentSession' }
  /** The client in the portal, by the session token in the client header (never a cookie or
   * the URL); the route sees only that session's recording (PORTAL-2). */
  | { kind: 'client' };

export const access = {
  public: { kind: 'public' },
  user: { kind: 'user' },
  admin: { kind: 'admin' },
  members: { kind: 'cycle', roles: ['owner', 'researcher', 'colleague'] },
  owner: { kind: 'cycle', roles: ['owner'] },
  /** Who may lead an intervision session: the klantmanager or a researcher/coach. */
  facilitators: { kind: 'cycle', roles: ['owner', 'researcher'] },
  /** The researchers (onderzoekers/coaches): the confidential client interview is theirs. */
  researchers: { kind: 'cycle', roles: ['researcher'] },
  media: { kind: 'media' },
  /** The owner of the cycle a media file belongs to: importing its transcript, naming speakers. */
  mediaOwner: { kind: 'media', roles: ['owner'] },
  fragmentSession: { kind: 'fragmentSession' },
  client: { kind: 'client' },
} as const satisfies Record<string, Access>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
