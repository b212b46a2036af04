/**
 * The typed HTTP API. Request bodies are built with the shared zod schemas (the same ones the
 * server validates with); responses are validated here so that a mismatch between client and
 * server shows up as a clear error instead of undefined fields deep in a screen.
 */
import { z } from 'zod';
import {
  cycleRoles,
  cycleStatuses,
  type AuditEntry,
  type CycleSummary,
  type EditGroup,
  type Member,
  type PublicUser,
} from '../../shared/domain/access.ts';
import type { AddMemberBody, CreateCycleBody, UpdateCycleBody } from '../../shared/protocol/http.ts';
import { requestJson, requestVoid, setCsrfToken } from './http.ts';

export { ApiError, isApiError, onUnauthenticated, type ApiErrorCode } from './http.ts';

const publicUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  color: z.string(),
  isAdmin: z.boolean(),
}) satisfies z.ZodType<PublicUser>;

const adminUser = publicUser.extend({ disabled: z.boolean() });
export type AdminUser = z.infer<typeof adminUser>;

const cycleSummary = z.object({
  id: z.string(),
  title: z.string(),
  counterpart: z.string(),
  status: z.enum(cycleStatuses),
  ownerName: z.string(),
  myRole: z.enum(cycleRoles),
  createdAt: z.number(),
  updatedAt: z.number(),
}) satisfies z.ZodType<CycleSummary>;

const member = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(cycleRoles),
  color: z.string(),
}) satisfies z.ZodType<Member>;

const auditEntry = z.object({
  id: z.number(),
  at: z.number(),
  actorName: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['allowed', 'denied']),
  target: z.string().nullable(),
  targetName: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
}) satisfies z.ZodType<AuditEntry>;

const editGroup = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  hour: z.number(),
  parts: z.array(z.string()),
  updates: z.number(),
}) satisfies z.ZodType<EditGroup>;

const sessionResponse = z.object({ user: publicUser, csrfToken: z.string().min(1) });
const cycleResponse = z.object({ cycle: cycleSummary });
const cycleDetail = z.object({ cycle: cycleSummary, docName: z.string(), members: z.array(member) });
const membersResponse = z.object({ members: z.array(member) });

export type CycleDetail = z.infer<typeof cycleDetail>;

const path = (strings: TemplateStringsArray, ...ids: string[]): string =>
  strings.reduce((out, part, i) => out + part + (i < ids.length ? encodeURIComponent(ids[i]!) : ''), '');

async function session(promise: Promise<z.infer<typeof sessionResponse>>): Promise<PublicUser> {
  const { user, csrfToken } = await promise;
  setCsrfToken(csrfToken);
  return user;
}

// ── Account ────────────────────────────────────────────────────────────────────────────────

/** The logged-in person, or ApiError `unauthenticated`. */
export function fetchMe(): Promise<PublicUser> {
  return session(requestJson('GET', '/api/me', sessionResponse, { expectUnauthenticated: true }));
}

export function login(email: string, password: string): Promise<PublicUser> {
  return session(requestJson('POST', '/api/auth/login', sessionResponse, { body: { email, password }, expectUnauthenticated: true }));
}

export async function logout(): Promise<void> {
  try {
    await requestVoid('POST', '/api/auth/logout', { expectUnauthenticated: true });
  } finally {
    setCsrfToken(null);
  }
}

export function requestPasswordReset(email: string): Promise<void> {
  return requestVoid('POST', '/api/auth/password-reset', { body: { email } });
}

/** Sets a password with a one-time token from an invite or reset link; logs the person in. */
export function setPasswordWithToken(token: string, password: string): Promise<PublicUser> {
  return session(requestJson('POST', '/api/auth/password', sessionResponse, { body: { token, password }, expectUnauthenticated: true }));
}

// ── Cycles ─────────────────────────────────────────────────────────────────────────────────

export async function listCycles(): Promise<CycleSummary[]> {
  return (await requestJson('GET', '/api/cycles', z.object({ cycles: z.array(cycleSummary) }))).cycles;
}

export async function createCycle(body: CreateCycleBody): Promise<CycleSummary> {
  return (await requestJson('POST', '/api/cycles', cycleResponse, { body })).cycle;
}

export function fetchCycle(id: string): Promise<CycleDetail> {
  return requestJson('GET', path`/api/cycles/${id}`, cycleDetail);
}

export async function updateCycle(id: string, body: UpdateCycleBody): Promise<CycleSummary> {
  return (await requestJson('PATCH', path`/api/cycles/${id}`, cycleResponse, { body })).cycle;
}

export async function listMembers(id: string): Promise<Member[]> {
  return (await requestJson('GET', path`/api/cycles/${id}/members`, membersResponse)).members;
}

export async function addMember(id: string, body: AddMemberBody): Promise<Member[]> {
  return (await requestJson('POST', path`/api/cycles/${id}/members`, membersResponse, { body })).members;
}

export async function removeMember(id: string, userId: string): Promise<Member[]> {
  return (await requestJson('DELETE', path`/api/cycles/${id}/members/${userId}`, membersResponse)).members;
}

export async function fetchAuditLog(id: string): Promise<{ entries: AuditEntry[]; edits: EditGroup[] }> {
  return requestJson('GET', path`/api/cycles/${id}/audit`, z.object({ entries: z.array(auditEntry), edits: z.array(editGroup) }));
}

// ── Administration ─────────────────────────────────────────────────────────────────────────

export async function listUsers(): Promise<AdminUser[]> {
  return (await requestJson('GET', '/api/admin/users', z.object({ users: z.array(adminUser) }))).users;
}

export async function createUser(email: string, name: string): Promise<PublicUser> {
  return (await requestJson('POST', '/api/admin/users', z.object({ user: publicUser }), { body: { email, name } })).user;
}

export function disableUser(userId: string): Promise<void> {
  return requestVoid('POST', path`/api/admin/users/${userId}/disable`);
}
