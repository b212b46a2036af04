import { stepUpdateBody } from '../../shared/domain/plan.ts';
import { worksheetSharesBody } from '../../shared/protocol/worksheet.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addMemberBody, createCycleBody, createUserBody, intervisionBody, interviewDecisionBody, loginBody, passwordResetRequestBody, tokenPasswordBody, updateCycleBody } from '../../shared/protocol/http.ts';
import { createRecordingBody, recordConsentBody, withdrawConsentBody } from '../../shared/protocol/media.ts';
import { orgSettingsBody } from '../../shared/protocol/org.ts';
import { createFragmentLinkBody, fragmentSessionBody } from '../../shared/protocol/fragment-links.ts';
import { deleteCycleBody } from '../../shared/protocol/delete-cycle.ts';
import type { Role } from '../helpers/access-fixture.ts';
import { randomInt } from '../helpers/random.ts';
import { caseRandom, FuzzFailure, pick, type Rand } from './mutate.ts';
import { importTranscriptBody, transcriptSpeakersBody } from '../../shared/protocol/transcript.ts';

/**
 * FUZZ-3: every HTTP route with a body (POST, PUT, PATCH in `app.routeTable`) gets generated
 * bodies from its zod schema (valid samples, then one thing wrong: a missing, extra or mistyped
 * field, huge strings, deep nesting, hostile unicode, broken JSON), sent with a fresh session and
 * CSRF token of a role that may call it. A 2xx or a 4xx with `{ error: { code, message } }` is
 * fine; a 5xx or another error shape fails with the seed and iteration.
 */
export const bodySchemas: Record<string, z.ZodType> = {
  'PUT /api/media/:mediaId/transcript': importTranscriptBody,
  'PUT /api/media/:mediaId/transcript/speakers': transcriptSpeakersBody,
  'POST /api/auth/login': loginBody,
  'POST /api/auth/password-reset': passwordResetRequestBody,
  'POST /api/auth/password': tokenPasswordBody,
  'POST /api/admin/users': createUserBody,
  'POST /api/cycles': createCycleBody,
  'PATCH /api/cycles/:id': updateCycleBody,
  'POST /api/cycles/:id/members': addMemberBody,
  'PUT /api/cycles/:id/intervision': intervisionBody,
  'PUT /api/cycles/:id/interview/feedback/:pointId/decision': interviewDecisionBody,
  'POST /api/cycles/:id/recordings': createRecordingBody,
  'PUT /api/cycles/:id/recordings/:recordingId/consent': recordConsentBody,
  'POST /api/cycles/:id/recordings/:recordingId/consent/withdraw': withdrawConsentBody,
  'POST /api/leeragenda/shares': z.object({ email: z.string().email() }),
  'PUT /api/cycles/:id/steps/:stepId': stepUpdateBody,
  'PUT /api/admin/settings': orgSettingsBody,
  'POST /api/cycles/:id/fragment-links': createFragmentLinkBody,
  'POST /api/kijken/sessie': fragmentSessionBody,
  'PUT /api/cycles/:id/worksheet/shares': worksheetSharesBody,
  'POST /api/cycles/:id/delete': deleteCycleBody,
};

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  default?: unknown;
};
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const hostileStrings = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  'e\u0301\u0301\u0301',
  '\u202egnitset\u202c',
  '\u200b\u200d\ufeff',
  '🎥👩🏽‍⚕️🏳️‍🌈',
  'Ω≈ç√∫˜µ≤≥÷',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '../../../etc/passwd',
  '%00%0d%0a',
  '1e999',
  '2024-02-30',
  '9999-99-99',
  'a@b',
  'x@kijkruimte.example',
  '00000000-0000-4000-8000-000000000000',
];

function hostileValue(rand: Rand, depth = 0): Json {
  switch (randomInt(rand, depth > 2 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return pick(rand, [0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE]);
    case 3:
      return pick(rand, hostileStrings);
    case 4:
      return 'x'.repeat(randomInt(rand, 300));
    case 5:
      return pick(rand, hostileStrings).repeat(1 + randomInt(rand, 50));
    case 6:
      return Array.from({ length: randomInt(rand, 4) }, () => hostileValue(rand, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: randomInt(rand, 4) }, (_, k) => [`k${k}`, hostileValue(rand, depth + 1)]));
  }
}

/** A value the schema accepts most of the time (refinements aside). */
function sample(rand: Rand, s: JsonSchema): Json {
  if (s.const !== undefined) return s.const as Json;
  if (s.enum) return pick(rand, s.enum) as Json;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return sample(rand, pick(rand, alternatives));
  const type = Array.isArray(s.type) ? pick(rand, s.type) : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if (s.required?.includes(k) || rand() < 0.7) out[k] = sample(rand, v);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 0, 1 + randomInt(rand, 2)) }, () => sample(rand, s.items ?? {}));
    case 'boolean':
      return rand() < 0.5;
    case 'number':
    case 'integer':
      return randomInt(rand, 100);
    case 'string':
      if (s.format === 'email') return `fuzz${randomInt(rand, 1000)}@kijkruimte.example`;
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.pattern?.includes('\\d{4}')) return `2${randomInt(rand, 2)}${randomInt(rand, 10)}${randomInt(rand, 10)}-0${1 + randomInt(rand, 9)}-1${randomInt(rand, 9)}`;
      return 'x'.repeat(Math.max(s.minLength ?? 1, Math.min(s.maxLength ?? 20, 1 + randomInt(rand, 20))));
    default:
      return hostileValue(rand);
  }
}

export interface GeneratedBody {
  kind: string;
  payload: string;
  contentType: string;
}

/** One body for `(seed, iteration)` against a route's JSON schema (or `{}` when it has none). */
export function generateBody(seed: number, iteration: number, schema: JsonSchema): GeneratedBody {
  const rand = caseRandom(seed, iteration);
  const json = (kind: string, value: unknown): GeneratedBody => ({ kind, payload: JSON.stringify(value), contentType: 'application/json' });
  const valid = sample(rand, schema);
  const fields = valid !== null && typeof valid === 'object' && !Array.isArray(valid) ? valid : {};
  const keys = Object.keys(fields);
  const r = rand();
  if (r < 0.15) return json('valid', valid);
  if (r < 0.25 && keys.length > 0) {
    const { [pick(rand, keys)]: _dropped, ...rest } = fields;
    return json('missing field', rest);
  }
  if (r < 0.35) return json('extra field', { ...fields, [pick(rand, ['extra', '__proto__', 'constructor', 'isAdmin', 'role'])]: hostileValue(rand) });
  if (r < 0.55 && keys.length > 0) return json('wrong type', { ...fields, [pick(rand, keys)]: hostileValue(rand) });
  if (r < 0.62) return json('not an object', hostileValue(rand));
  if (r < 0.7) {
    // Just under and just over the 1 MiB body limit, in a field or as the body.
    const size = pick(rand, [64 * 1024, 900 * 1024, 1024 * 1024 + 1]);
    return json('huge string', keys.length > 0 ? { ...fields, [pick(rand, keys)]: 'ä'.repeat(size / 2) } : 'x'.repeat(size));
  }
  if (r < 0.78) {
    const depth = pick(rand, [100, 1_000, 10_000, 100_000]);
    const [open, close] = rand() < 0.5 ? ['[', ']'] : ['{"a":', '}'];
    const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
    const key = keys.length > 0 ? pick(rand, keys) : 'a';
    return { kind: `nested ${depth}`, payload: rand() < 0.5 ? nested : `${JSON.stringify({ ...fields, [key]: 0 }).slice(0, -1)},${JSON.stringify(key)}:${nested}}`, contentType: 'application/json' };
  }
  if (r < 0.88 && keys.length > 0) {
    const key = pick(rand, keys);
    // Raw escapes (lone surrogates survive JSON.stringify as escapes, not as replacement characters).
    return { kind: 'unicode', payload: JSON.stringify({ ...fields, [key]: `__U__` }).replace('"__U__"', `"${pick(rand, ['\\ud800', '\\udc00x', '\\u0000', '\\u202e', '\\uffff', '\\ufeff'])}${pick(rand, hostileStrings).replace(/["\\]/g, '')}"`), contentType: 'application/json' };
  }
  if (r < 0.95) {
    const text = JSON.stringify(valid);
    return { kind: 'broken JSON', payload: text.slice(0, randomInt(rand, text.length)) + pick(rand, ['', '}', ',', '"', '\u0000']), contentType: 'application/json' };
  }
  return { kind: 'other content type', payload: JSON.stringify(valid), contentType: pick(rand, ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data']) };
}

export interface JsonRoutesFuzzOptions {
  app: FastifyInstance;
  seed: number;
  perRoute: number;
  /** Fresh `{ cookie, x-csrf-token }` headers per request for a role. */
  headersFor(role: Role): Record<string, string>;
  /** Values for path parameters (`:id` → a cycle the fixture owns, …). */
  params: Record<string, string>;
}

export interface JsonRoutesReport {
  routes: Record<string, { role: Role; statuses: Record<number, number>; ms: number }>;
  requests: number;
}

const roleOrder: Role[] = ['owner', 'researcher', 'admin', 'colleague', 'outsider', 'anonymous'];
/** Refusals at the door (who may call a route), as opposed to refusals of what is asked. */
const doorCodes = new Set(['unauthenticated', 'forbidden', 'csrf_failed', 'admin_no_content', 'not_admin', 'not_owner', 'role_not_allowed']);

export function bodyRoutes(app: FastifyInstance): string[] {
  return [...new Set(app.routeTable.filter((r) => !r.websocket && ['POST', 'PUT', 'PATCH'].includes(r.method)).map((r) => `${r.method} ${r.url}`))].sort();
}

export async function fuzzJsonRoutes(o: JsonRoutesFuzzOptions): Promise<JsonRoutesReport> {
  const report: JsonRoutesReport = { routes: {}, requests: 0 };
  const routes = bodyRoutes(o.app);
  const target = (key: string) => {
    const [method, pattern] = key.split(' ') as ['POST' | 'PUT' | 'PATCH', string];
    const url = pattern.replace(/:(\w+)/g, (_, name: string) => o.params[name] ?? '00000000-0000-4000-8000-000000000000');
    return (role: Role, body: GeneratedBody) =>
      o.app.inject({ method, url, headers: { ...o.headersFor(role), 'content-type': body.contentType }, payload: body.payload });
  };
  // Roles first, before any fuzzed body changed the fixture (a withdrawn consent, an archived
  // cycle): per route the first role, most privileged first, that passes the door.
  const roles = new Map<string, Role>();
  for (const key of routes) {
    for (const candidate of roleOrder) {
      const res = await target(key)(candidate, { kind: 'probe', payload: '{}', contentType: 'application/json' });
      const code = res.statusCode === 401 || res.statusCode === 403 ? (res.json() as { error?: { code?: string } }).error?.code : undefined;
      if (!code || !doorCodes.has(code)) {
        roles.set(key, candidate);
        break;
      }
    }
    if (!roles.has(key)) throw new FuzzFailure('json', o.seed, 0, `${key}: no role may call it`);
  }
  let iteration = 0;
  for (const key of routes) {
    const send = target(key);
    const role = roles.get(key)!;
    const schemaOf = bodySchemas[key];
    const schema = (schemaOf ? z.toJSONSchema(schemaOf, { io: 'input', unrepresentable: 'any' }) : {}) as JsonSchema;
    const statuses: Record<number, number> = {};
    const began = performance.now();
    for (let n = 0; n < o.perRoute; n++, iteration++) {
      const body = generateBody(o.seed, iteration, schema);
      let res;
      try {
        res = await send(role, body);
      } catch (err) {
        throw new FuzzFailure('json', o.seed, iteration, `${key} as ${role}, ${body.kind}: the request failed: ${(err as Error).message}`);
      }
      report.requests++;
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      const where = `${key} as ${role}, ${body.kind}: ${res.statusCode} ${res.body.slice(0, 300)}`;
      if (res.statusCode >= 500) throw new FuzzFailure('json', o.seed, iteration, where);
      if (res.statusCode >= 400) {
        let error: unknown;
        try {
          error = (res.json() as { error?: unknown }).error;
        } catch {
          error = undefined;
        }
        const e = error as { code?: unknown; message?: unknown } | undefined;
        if (typeof e?.code !== 'string' || typeof e.message !== 'string' || e.message.length === 0) {
          throw new FuzzFailure('json', o.seed, iteration, `not the error shape: ${where}`);
        }
      }
    }
    report.routes[key] = { role, statuses, ms: Math.round(performance.now() - began) };
  }
  return report;
}
