/**
 * The typed HTTP API. Request bodies are built with the shared zod schemas (the same ones the
 * server validates with); responses are validated here so that a mismatch between client and
 * server shows up as a clear error instead of undefined fields deep in a screen.
 */
import { z } from 'zod';
import {
  cycleRoles,
  cycleStatuses,
  type CycleSummary,
  type EditGroup,
  type Member,
  type PublicUser,
} from '../../shared/domain/access.ts';
import type { AccessLogEntry, AccessLogPage } from '../../shared/domain/audit.ts';
import { cycleKinds } from '../../shared/domain/cycle-kinds.ts';
import { planStepIds } from '../../shared/domain/plan.ts';
import type { AccessLogQuery, AccountRequestBody, AddMemberBody, CreateCycleBody, UpdateCycleBody } from '../../shared/protocol/http.ts';
import type { DeleteCycleBody, DeletionReceipt } from '../../shared/protocol/delete-cycle.ts';
import { orgSettingsBody, type OrgSettings } from '../../shared/protocol/org.ts';
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
  kind: z.enum(cycleKinds),
  nextDate: z.string().nullable(),
  nextStep: z.enum(planStepIds).nullable(),
}) satisfies z.ZodType<CycleSummary>;

const member = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(cycleRoles),
  color: z.string(),
}) satisfies z.ZodType<Member>;

const accessLogEntry = z.object({
  id: z.number(),
  at: z.number(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['allowed', 'denied']),
  subject: z.string().nullable(),
}) satisfies z.ZodType<AccessLogEntry>;

/** How a one-time link went out: by mail, or shown once to the beheerder to pass on. */
const linkDelivery = z.union([z.object({ delivery: z.literal('mail') }), z.object({ delivery: z.literal('link'), link: z.string() })]);
export type LinkDelivery = z.infer<typeof linkDelivery>;

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

const addMemberResponse = membersResponse.extend({ invitation: z.object({ email: z.string(), mailed: z.boolean() }).optional() });

export async function addMember(id: string, body: AddMemberBody): Promise<z.infer<typeof addMemberResponse>> {
  return requestJson('POST', path`/api/cycles/${id}/members`, addMemberResponse, { body });
}

/** Asks the beheerder for an account for someone who has none yet. */
export function requestAccount(id: string, body: AccountRequestBody): Promise<unknown> {
  return requestJson('POST', path`/api/cycles/${id}/account-requests`, z.object({ status: z.literal('requested') }), { body });
}

export async function removeMember(id: string, userId: string): Promise<Member[]> {
  return (await requestJson('DELETE', path`/api/cycles/${id}/members/${userId}`, membersResponse)).members;
}

const accessLogPage = z.object({
  entries: z.array(accessLogEntry),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  edits: z.array(editGroup),
}) satisfies z.ZodType<AccessLogPage & { edits: EditGroup[] }>;

/** The filters as a query string (empty values left out), shared by the page and its CSV link. */
export function accessLogSearch(query: AccessLogQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function fetchAuditLog(id: string, query: AccessLogQuery = {}): Promise<AccessLogPage & { edits: EditGroup[] }> {
  return requestJson('GET', `${path`/api/cycles/${id}/audit`}${accessLogSearch(query)}`, accessLogPage);
}

export function accessLogCsvUrl(id: string, query: AccessLogQuery): string {
  const { page: _page, pageSize: _size, ...filters } = query;
  return `${path`/api/cycles/${id}/audit.csv`}${accessLogSearch(filters)}`;
}

// ── Administration ─────────────────────────────────────────────────────────────────────────

export async function listUsers(): Promise<AdminUser[]> {
  return (await requestJson('GET', '/api/admin/users', z.object({ users: z.array(adminUser) }))).users;
}

const createdUser = z.intersection(z.object({ user: publicUser, joinedCycles: z.number() }), linkDelivery);
export type CreatedUser = z.infer<typeof createdUser>;

export function createUser(email: string, name: string): Promise<CreatedUser> {
  return requestJson('POST', '/api/admin/users', createdUser, { body: { email, name } });
}

export function issueResetLink(userId: string): Promise<LinkDelivery> {
  return requestJson('POST', path`/api/admin/users/${userId}/reset-link`, linkDelivery);
}

const accountRequest = z.object({ id: z.number(), at: z.number(), email: z.string(), name: z.string(), requesterName: z.string(), role: z.string() });
export type AccountRequest = z.infer<typeof accountRequest>;

export async function listAccountRequests(): Promise<AccountRequest[]> {
  return (await requestJson('GET', '/api/admin/account-requests', z.object({ requests: z.array(accountRequest) }))).requests;
}

export function disableUser(userId: string): Promise<void> {
  return requestVoid('POST', path`/api/admin/users/${userId}/disable`);
}

// ── The organisation's settings (SCANGATE-1) ───────────────────────────────────────────────

const orgSettingsResponse = z.object({ settings: orgSettingsBody });

export async function fetchOrgSettings(): Promise<OrgSettings> {
  return (await requestJson('GET', '/api/admin/settings', orgSettingsResponse)).settings;
}

export async function saveOrgSettings(settings: OrgSettings): Promise<OrgSettings> {
  return (await requestJson('PUT', '/api/admin/settings', orgSettingsResponse, { body: settings })).settings;
}

// ── Deleting a cycle (DELETE-1) ─────────────────────────────────────────────────────────────

const deletionReceipt = z.object({
  receipt: z.string(),
  deletedAt: z.number(),
  erased: z.object({
    recordings: z.number(),
    mediaFiles: z.number(),
    transcripts: z.number(),
    consentEvents: z.number(),
    documents: z.number(),
    members: z.number(),
    links: z.number(),
  }),
}) satisfies z.ZodType<DeletionReceipt>;

export async function deleteCycle(cycleId: string, confirmTitle: string): Promise<DeletionReceipt> {
  const body: DeleteCycleBody = { confirmTitle };
  return (await requestJson('POST', `/api/cycles/${encodeURIComponent(cycleId)}/delete`, z.object({ receipt: deletionReceipt }), { body })).receipt;
}

export async function fetchDeletionReceipt(receipt: string): Promise<DeletionReceipt> {
  return (await requestJson('GET', `/api/deletion-receipts/${encodeURIComponent(receipt)}`, z.object({ receipt: deletionReceipt }))).receipt;
}

/** The receipt as a PDF (DELETE-2); same origin, so the session cookie goes along with a plain link. */
export function deletionReceiptPdfUrl(receipt: string): string {
  return `/api/deletion-receipts/${encodeURIComponent(receipt)}/pdf`;
}
