import crypto from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { CycleRole } from '../../shared/domain/access.ts';
import type { ErrorCode } from '../../shared/errors/index.ts';
import { fragmentSessionHeader } from '../../shared/protocol/fragment-links.ts';
import { csrfHeader } from '../../shared/protocol/http.ts';
import type { Access } from '../auth/access.ts';
import { clientSessionHeader } from '../../shared/portal/code.ts';
import type { ClientSession } from '../portal/sessions.ts';
import type { SessionRow } from '../storage/sessions.ts';
import type { UserRow } from '../storage/users.ts';
import { sendError } from './errors.ts';

export interface AuthContext {
  user: UserRow;
  session: SessionRow;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
    /** Set by the access hook for `cycle` routes: the caller's role in that cycle. */
    cycleRole: CycleRole | null;
    /** Set by the access hook for `client` routes: the portal session and its one recording. */
    clientSession: ClientSession | null;
  }
  interface FastifyInstance {
    sessionCookie: {
      name: string;
      set(reply: FastifyReply, token: string): void;
      clear(reply: FastifyReply): void;
      /** Resolves the session of a raw request (used by the WebSocket upgrade). */
      resolve(request: FastifyRequest): Promise<AuthContext | null>;
    };
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function timingSafeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

/** A browser sends Origin on cross-site state-changing requests; it must be this host. */
function sameOrigin(request: FastifyRequest, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Sessions, CSRF and route access in one place. Every route must declare `config.access`;
 * anything else is refused before its handler runs (default deny).
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    const { config, repos } = app;
    const cookieName = config.secureCookies ? '__Host-kijkruimte' : 'kijkruimte_sessie';
    await app.register(fastifyCookie);

    const resolve = async (request: FastifyRequest): Promise<AuthContext | null> => {
      const token = request.cookies[cookieName];
      if (!token) return null;
      const session = await repos.sessions.resolve(token);
      if (!session) return null;
      const user = await repos.users.get(session.user_id);
      if (!user || user.disabled_at !== null) return null;
      return { user, session };
    };

    app.decorate('sessionCookie', {
      name: cookieName,
      set(reply: FastifyReply, token: string) {
        reply.setCookie(cookieName, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: config.secureCookies,
          maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
        });
      },
      clear(reply: FastifyReply) {
        reply.clearCookie(cookieName, { path: '/', httpOnly: true, sameSite: 'strict', secure: config.secureCookies });
      },
      resolve,
    });
    app.decorateRequest('auth', null);
    app.decorateRequest('cycleRole', null);
    app.decorateRequest('fragmentLink', null);
    app.decorateRequest('clientSession', null);

    const deny = async (request: FastifyRequest, reply: FastifyReply, code: ErrorCode, cycleId?: string): Promise<FastifyReply> => {
      const target = `${request.method} ${request.routeOptions.url ?? request.url}`;
      // Anyone can send anonymous requests: one aggregated row per address and minute (AUDIT-2).
      if (!request.auth) {
        repos.refusals.note(request.ip, code, target);
        return sendError(reply, code);
      }
      await repos.audit.record({
        actorId: request.auth.user.id,
        action: 'access_denied',
        cycleId: cycleId ?? null,
        target,
        detail: { reason: code },
      });
      return sendError(reply, code);
    };

    app.addHook('onRequest', async (request, reply) => {
      const rule: Access | undefined = request.routeOptions.config.access;
      // Unmatched URLs (404 handler, static files) carry no route config of ours.
      if (request.is404) return;
      if (!rule) return deny(request, reply, 'forbidden');

      if (rule.kind === 'client') {
        // No cookie is involved, so there is nothing for a cross-site request to ride on: a page
        // elsewhere cannot set this header without the tab's token. The origin is checked anyway.
        if (!safeMethods.has(request.method) && !sameOrigin(request, config.allowedOrigins)) return deny(request, reply, 'csrf_failed');
        const token = request.headers[clientSessionHeader];
        const session = typeof token === 'string' ? await app.clientSessions.resolve(token) : undefined;
        if (!session) return deny(request, reply, 'client_session_expired');
        request.clientSession = session;
        return;
      }

      request.auth = await resolve(request);
      if (request.auth) await repos.sessions.touch(request.auth.session);

      if (!safeMethods.has(request.method)) {
        if (!sameOrigin(request, config.allowedOrigins)) return deny(request, reply, 'csrf_failed');
        if (rule.kind !== 'public') {
          const sent = request.headers[csrfHeader];
          if (!request.auth || typeof sent !== 'string' || !timingSafeEqual(sent, request.auth.session.csrf_token)) {
            return request.auth ? deny(request, reply, 'csrf_failed') : deny(request, reply, 'unauthenticated');
          }
        }
      }

      if (rule.kind === 'public') return;
      if (rule.kind === 'fragmentSession') {
        // The client has no account: the tab's session token in a header, never a cookie or URL.
        const token = request.headers[fragmentSessionHeader];
        const link = await app.fragmentLinks.linkOfSession(token);
        if (!link || !(await app.fragmentLinks.allowed(link))) {
          repos.refusals.note(request.ip, 'fragment_link_invalid', `${request.method} ${request.routeOptions.url ?? request.url}`);
          return sendError(reply, 'fragment_link_invalid');
        }
        request.fragmentLink = link;
        return;
      }
      if (!request.auth) return deny(request, reply, 'unauthenticated');
      if (rule.kind === 'user') return;
      if (rule.kind === 'admin') {
        if (!request.auth.user.is_admin) return deny(request, reply, 'not_admin');
        return;
      }
      let cycleId = (request.params as { id?: string }).id ?? '';
      if (rule.kind === 'media') {
        // Media by id: the file's cycle decides membership; consent is the route's own check.
        const found = await repos.media.cycleOfMedia((request.params as { mediaId?: string }).mediaId ?? '');
        if (!found) return sendError(reply, 'not_found');
        cycleId = found;
      }
      const role = await repos.cycles.role(cycleId, request.auth.user.id);
      if (!role) {
        const known = await repos.cycles.get(cycleId) !== undefined;
        return deny(request, reply, request.auth.user.is_admin ? 'admin_no_content' : 'forbidden', known ? cycleId : undefined);
      }
      if (rule.roles !== undefined && !rule.roles.includes(role)) {
        // Say who may: "only the klantmanager" is wrong for a route that is the researchers' (the interview).
        return deny(request, reply, rule.roles.length === 1 && rule.roles[0] === 'owner' ? 'not_owner' : 'role_not_allowed', cycleId);
      }
      request.cycleRole = role;
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
