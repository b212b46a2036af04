import path from 'node:path';
import { z } from 'zod';
import { defaultCollabLimits, type CollabLimits } from '../collab/hooks/limit.ts';

/** The environment, parsed and validated once at start-up. Documented in README.md. */
/**
 * Updates in a document's log before it is compacted into one snapshot. Applying a stored update
 * costs ~0.05–0.1 ms on a cold load, so this bounds the cold load of any document: at 500, a
 * 20,000-word report with its observations loads in well under 50 ms (P7, bench/README.md); the
 * snapshot itself costs one encode of the document per 500 updates.
 */
export const defaultCompactThreshold = 500;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  KIJKRUIMTE_DATA_DIR: z.string().min(1).default('./data'),
  /** The encrypted media folder; default `<data dir>/media` (several processes share one). */
  KIJKRUIMTE_MEDIA_DIR: z.string().trim().optional(),
  /** Comma-separated list of allowed WebSocket/HTTP origins; empty means "same host only". */
  KIJKRUIMTE_ALLOWED_ORIGINS: z.string().default(''),
  KIJKRUIMTE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KIJKRUIMTE_DEMO: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  KIJKRUIMTE_ROOM_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  KIJKRUIMTE_COMPACT_THRESHOLD: z.coerce.number().int().min(2).max(1_000_000).default(defaultCompactThreshold),
  /** Force Secure/__Host- cookies on or off; default: on except in development. */
  KIJKRUIMTE_SECURE_COOKIES: z.enum(['0', '1', '']).default(''),
  KIJKRUIMTE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  KIJKRUIMTE_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  /** Base URL used in invite and password-reset links. */
  KIJKRUIMTE_PUBLIC_URL: z.string().url().optional(),
  /** Largest recording file in bytes (default 4 GiB). */
  KIJKRUIMTE_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).max(Number.MAX_SAFE_INTEGER).default(4 * 1024 ** 3),
  /** Storage per organisation in bytes (default 50 GiB), over all recordings and form scans. */
  KIJKRUIMTE_ORG_QUOTA_BYTES: z.coerce.number().int().min(1024).max(Number.MAX_SAFE_INTEGER).default(50 * 1024 ** 3),
  /** Unfinished uploads one person may have open at a time. */
  KIJKRUIMTE_MAX_OPEN_UPLOADS: z.coerce.number().int().min(1).max(1_000).default(5),
  /** Hours after which an upload nobody added to is abandoned and removed. */
  KIJKRUIMTE_UPLOAD_EXPIRY_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** What one connection, session or person may cost the collaboration server (`shared/limits`). */
  KIJKRUIMTE_MAX_AWARENESS_IDS: z.coerce.number().int().min(1).max(1_024).default(defaultCollabLimits.maxAwarenessIdsPerConnection),
  KIJKRUIMTE_MAX_AWARENESS_STATE_BYTES: z.coerce.number().int().min(256).max(1024 ** 2).default(defaultCollabLimits.maxAwarenessStateBytes),
  KIJKRUIMTE_MAX_AWARENESS_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(8 * 1024 ** 2).default(defaultCollabLimits.maxAwarenessMessageBytes),
  /** Query-awareness messages per connection per 10 seconds. */
  KIJKRUIMTE_MAX_AWARENESS_QUERIES: z.coerce.number().int().min(1).max(1_000_000).default(defaultCollabLimits.maxAwarenessQueries),
  KIJKRUIMTE_MAX_SOCKETS_PER_SESSION: z.coerce.number().int().min(1).max(1_000_000).default(defaultCollabLimits.maxSocketsPerSession),
  KIJKRUIMTE_MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(1_000_000).default(defaultCollabLimits.maxSocketsPerUser),
  KIJKRUIMTE_MAX_DOC_BYTES: z.coerce.number().int().min(1024).max(Number.MAX_SAFE_INTEGER).default(defaultCollabLimits.maxDocBytes),
  /** Hours a fragment link for the client interview stays valid (FRAGLINK-1): hours, never days. */
  KIJKRUIMTE_FRAGMENT_LINK_HOURS: z.coerce.number().positive().max(24).default(4),
  /** A person playing a file is audited at most once per this many minutes (any offset). */
  KIJKRUIMTE_AUDIT_PLAY_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  /** 256-bit master key (64 hex chars or base64) wrapping every file key; else `<data dir>/master.key`. */
  KIJKRUIMTE_MASTER_KEY: z.string().optional(),
  /** Outgoing mail for invitations and password resets, e.g. `smtp://user:pass@mail.example:587`; empty = none. */
  KIJKRUIMTE_SMTP_URL: z.string().url().optional(),
  KIJKRUIMTE_MAIL_FROM: z.string().default('Kijkruimte <noreply@localhost>'),
  /** `1`: an owner who invites an unknown address creates the account (with an invitation). */
  KIJKRUIMTE_OWNERS_CREATE_ACCOUNTS: z.enum(['0', '1', '']).default('0'),
  /** `postgres://…`: keep the collaboration documents in PostgreSQL (PG-1); empty = SQLite. */
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\/./.test(v), { message: 'moet met postgres:// of postgresql:// beginnen' }),
  /** `redis://…`: several server processes share updates, presence and revocations (SCALE-1). */
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^rediss?:\/\/./.test(v), { message: 'moet met redis:// of rediss:// beginnen' }),
  /** How often open sockets, clock sockets and media responses are re-checked (ms). */
  KIJKRUIMTE_SESSION_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(1_000),
});

export interface AppConfig {
  port: number;
  host: string;
  dev: boolean;
  dataDir: string;
  /** The encrypted media folder; null = `<dataDir>/media`. */
  mediaDir: string | null;
  allowedOrigins: string[];
  logLevel: string;
  demo: boolean;
  /** How long a room stays loaded after its last client leaves. */
  roomGraceMs: number;
  /** Compact a document's update log into a snapshot once it holds this many entries. */
  compactThreshold: number;
  /** Directory with the built client (vite build output); not served when absent. */
  clientDir: string;
  /** `Secure` + `__Host-` session cookie. */
  secureCookies: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  publicUrl: string;
  /** How often open sockets are re-checked against their session (expiry closes them). */
  sessionSweepMs: number;
  maxUploadBytes: number;
  orgQuotaBytes: number;
  /** Master key from the environment; null = the data directory's `master.key` (generated once). */
  masterKey: string | null;
  /** How often the retention sweep runs (it also runs at start-up). */
  retentionSweepMs: number;
  /** Uploads untouched this long are abandoned and removed (sweep, and before each new upload). */
  uploadExpiryMs: number;
  /** Unfinished uploads one person may have open at a time. */
  maxOpenUploads: number;
  /** Limits of the collaboration server per connection, session, person and document. */
  collabLimits: CollabLimits;
  /** Window in which repeated playback requests of one person and file are audited once. */
  playAuditWindowMs: number;
  /** How long a fragment link for the client interview is valid (FRAGLINK-1). */
  fragmentLinkMs: number;
  /** SMTP URL for invitations and resets; null = no mail, the beheerder passes links on. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Organisation setting: owners create accounts for people they invite (otherwise they ask the beheerder). */
  ownersCreateAccounts: boolean;
  /** PostgreSQL for the collaboration documents (update log, snapshots); null = SQLite in the data dir. */
  databaseUrl: string | null;
  /** Redis for the fan-out between several server processes; null = one process. Needs `databaseUrl`. */
  redisUrl: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Ongeldige configuratie: ${issues}`);
  }
  const e = parsed.data;
  // Each process must be able to read what the others committed: the documents have to be in
  // one shared database, and SQLite's file is not that across machines (SCALE-1).
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error('Ongeldige configuratie: REDIS_URL: werkt alleen samen met DATABASE_URL (PostgreSQL), want alle processen moeten dezelfde documenten lezen');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dev: e.NODE_ENV === 'development',
    dataDir: path.resolve(e.KIJKRUIMTE_DATA_DIR),
    mediaDir: e.KIJKRUIMTE_MEDIA_DIR ? path.resolve(e.KIJKRUIMTE_MEDIA_DIR) : null,
    allowedOrigins: e.KIJKRUIMTE_ALLOWED_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: e.KIJKRUIMTE_LOG_LEVEL,
    demo: e.KIJKRUIMTE_DEMO,
    roomGraceMs: e.KIJKRUIMTE_ROOM_GRACE_MS,
    compactThreshold: e.KIJKRUIMTE_COMPACT_THRESHOLD,
    clientDir: path.resolve('dist/client'),
    secureCookies: e.KIJKRUIMTE_SECURE_COOKIES === '' ? e.NODE_ENV !== 'development' : e.KIJKRUIMTE_SECURE_COOKIES === '1',
    sessionIdleMs: e.KIJKRUIMTE_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.KIJKRUIMTE_SESSION_ABSOLUTE_HOURS * 3_600_000,
    publicUrl: e.KIJKRUIMTE_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    sessionSweepMs: e.KIJKRUIMTE_SESSION_SWEEP_MS,
    maxUploadBytes: e.KIJKRUIMTE_MAX_UPLOAD_BYTES,
    orgQuotaBytes: e.KIJKRUIMTE_ORG_QUOTA_BYTES,
    masterKey: e.KIJKRUIMTE_MASTER_KEY?.trim() ? e.KIJKRUIMTE_MASTER_KEY.trim() : null,
    retentionSweepMs: 24 * 3_600_000,
    uploadExpiryMs: e.KIJKRUIMTE_UPLOAD_EXPIRY_HOURS * 3_600_000,
    maxOpenUploads: e.KIJKRUIMTE_MAX_OPEN_UPLOADS,
    playAuditWindowMs: e.KIJKRUIMTE_AUDIT_PLAY_MINUTES * 60_000,
    fragmentLinkMs: Math.round(e.KIJKRUIMTE_FRAGMENT_LINK_HOURS * 3_600_000),
    collabLimits: {
      ...defaultCollabLimits,
      maxAwarenessIdsPerConnection: e.KIJKRUIMTE_MAX_AWARENESS_IDS,
      maxAwarenessStateBytes: e.KIJKRUIMTE_MAX_AWARENESS_STATE_BYTES,
      maxAwarenessMessageBytes: e.KIJKRUIMTE_MAX_AWARENESS_MESSAGE_BYTES,
      maxAwarenessQueries: e.KIJKRUIMTE_MAX_AWARENESS_QUERIES,
      maxSocketsPerSession: e.KIJKRUIMTE_MAX_SOCKETS_PER_SESSION,
      maxSocketsPerUser: e.KIJKRUIMTE_MAX_SOCKETS_PER_USER,
      maxDocBytes: e.KIJKRUIMTE_MAX_DOC_BYTES,
    },
    smtpUrl: e.KIJKRUIMTE_SMTP_URL?.trim() ? e.KIJKRUIMTE_SMTP_URL.trim() : null,
    mailFrom: e.KIJKRUIMTE_MAIL_FROM,
    ownersCreateAccounts: e.KIJKRUIMTE_OWNERS_CREATE_ACCOUNTS === '1',
    databaseUrl: e.DATABASE_URL ? e.DATABASE_URL : null,
    redisUrl: e.REDIS_URL ? e.REDIS_URL : null,
  };
}

/** Config for tests and benchmarks: everything explicit, nothing from the environment. */
export function testConfig(overrides: Partial<AppConfig> & { dataDir: string }): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dev: true,
    mediaDir: null,
    allowedOrigins: [],
    logLevel: 'silent',
    demo: false,
    roomGraceMs: 50,
    compactThreshold: defaultCompactThreshold,
    clientDir: path.resolve('dist/client'),
    secureCookies: false,
    sessionIdleMs: 30 * 60_000,
    sessionAbsoluteMs: 12 * 3_600_000,
    publicUrl: 'http://localhost',
    sessionSweepMs: 200,
    maxUploadBytes: 4 * 1024 ** 3,
    orgQuotaBytes: 50 * 1024 ** 3,
    masterKey: null,
    retentionSweepMs: 24 * 3_600_000,
    uploadExpiryMs: 24 * 3_600_000,
    maxOpenUploads: 5,
    collabLimits: defaultCollabLimits,
    playAuditWindowMs: 10 * 60_000,
    fragmentLinkMs: 4 * 3_600_000,
    smtpUrl: null,
    mailFrom: 'Kijkruimte <noreply@kijkruimte.test>',
    ownersCreateAccounts: false,
    databaseUrl: null,
    redisUrl: null,
    ...overrides,
  };
}
