import type { Database } from 'better-sqlite3';
import { chainExistingAuditRows } from './audit-chain.ts';

/** SQL, or a function for a step SQL alone cannot do (hashing existing rows). */
type Migration = string | ((db: Database) => void);

/**
 * The audit log's hash chain (AUDIT-3): rows written so far are chained here, the only time an
 * audit row is ever updated; the trigger is lifted inside this migration's transaction and put back.
 */
function chainAuditLog(db: Database): void {
  db.exec(`
    ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
    ALTER TABLE audit_events ADD COLUMN hash TEXT;
    DROP TRIGGER audit_no_update;
  `);
  chainExistingAuditRows(db);
  db.exec(`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`);
}

/**
 * Schema migrations, applied in order at start-up and tracked with `PRAGMA user_version`.
 * Never edit a released migration; add a new one.
 */
const migrations: Migration[] = [
  `
  CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    password_hash TEXT,
    is_admin INTEGER NOT NULL DEFAULT 0,
    disabled_at INTEGER,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at INTEGER
  );
  CREATE INDEX sessions_by_user ON sessions (user_id);
  CREATE TABLE one_time_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE cycles (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    owner_id TEXT NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    counterpart TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    previous_cycle_id TEXT REFERENCES cycles(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE memberships (
    cycle_id TEXT NOT NULL REFERENCES cycles(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('owner', 'researcher', 'colleague')),
    added_by TEXT REFERENCES users(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (cycle_id, user_id)
  );
  CREATE INDEX memberships_by_user ON memberships (user_id);
  CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied')),
    cycle_id TEXT,
    target TEXT,
    detail TEXT
  );
  CREATE INDEX audit_by_cycle ON audit_events (cycle_id, id);
  -- The audit log is append-only: the database itself refuses edits and deletions.
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  `,
  // 2: recordings, encrypted media files, wrapped file keys, append-only consent history.
  `
  CREATE TABLE recordings (
    id TEXT PRIMARY KEY,
    cycle_id TEXT NOT NULL REFERENCES cycles(id),
    label TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at INTEGER NOT NULL,
    erased_at INTEGER
  );
  CREATE INDEX recordings_by_cycle ON recordings (cycle_id, created_at);
  -- File keys wrapped by the master key. Erasure deletes the row (secure_delete overwrites it).
  CREATE TABLE media_keys (
    id TEXT PRIMARY KEY,
    wrapped BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE media_files (
    id TEXT PRIMARY KEY,
    recording_id TEXT NOT NULL REFERENCES recordings(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL CHECK (kind IN ('video', 'consent_form')),
    status TEXT NOT NULL CHECK (status IN ('uploading', 'ready', 'erased')),
    key_id TEXT REFERENCES media_keys(id),
    file_name TEXT,
    mime TEXT,
    container TEXT,
    duration_ms INTEGER,
    tracks TEXT,
    faststart INTEGER,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT,
    created_by TEXT REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    erased_at INTEGER,
    erased_reason TEXT
  );
  CREATE INDEX media_by_recording ON media_files (recording_id, created_at);
  CREATE INDEX media_by_org ON media_files (org_id, status);
  CREATE TABLE consent_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recording_id TEXT NOT NULL REFERENCES recordings(id),
    at INTEGER NOT NULL,
    actor_id TEXT REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('recorded', 'withdrawn', 'erased')),
    decisions TEXT NOT NULL,
    changed TEXT NOT NULL,
    consent_date TEXT,
    recorded_by TEXT,
    lawful_basis TEXT,
    retention_until TEXT
  );
  CREATE INDEX consent_by_recording ON consent_events (recording_id, id);
  CREATE TRIGGER consent_no_update BEFORE UPDATE ON consent_events BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
  CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent_events BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
  `,
  // Analysis layers: intervision can be "blind" until a facilitator reveals every layer.
  `
  ALTER TABLE cycles ADD COLUMN intervision_blind INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE cycles ADD COLUMN revealed_at INTEGER;
  CREATE TABLE layer_status (
    cycle_id TEXT NOT NULL REFERENCES cycles(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    ready_at INTEGER,
    published_at INTEGER,
    PRIMARY KEY (cycle_id, user_id)
  );
  `,
  // The klantmanager's leeragenda is theirs; they may share it with chosen colleagues or coaches.
  `
  CREATE TABLE leeragenda_shares (
    owner_id TEXT NOT NULL REFERENCES users(id),
    viewer_id TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (owner_id, viewer_id)
  );
  CREATE INDEX cycles_by_previous ON cycles (previous_cycle_id);
  `,
  // Why a recording was erased, so every member (not only the owner) sees it explained.
  `
  ALTER TABLE recordings ADD COLUMN erased_reason TEXT;
  `,
  chainAuditLog,
  // An unfinished upload counts against the quota with the bytes it received, not its declared
  // length; and each person may have only a few open at a time (MEDIA-7).
  `
  ALTER TABLE media_files ADD COLUMN received_bytes INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX media_open_uploads ON media_files (created_by, status);
  `,
  // Transcripts of media files, stored as content next to the media: the same consent rules read
  // them, and a file's erasure deletes its transcript in the same transaction (TRANSCRIPT-5).
  `
  CREATE TABLE transcripts (
    media_id TEXT PRIMARY KEY REFERENCES media_files(id),
    cycle_id TEXT NOT NULL REFERENCES cycles(id),
    format TEXT NOT NULL CHECK (format IN ('vtt', 'srt', 'plain')),
    cues TEXT NOT NULL,
    speakers TEXT NOT NULL,
    imported_by TEXT NOT NULL REFERENCES users(id),
    imported_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  // Data migrations inside the cycles' Yjs documents (e.g. time codes naming their recording,
  // TIMECODE-5): each runs once per installation, at start-up, and is recorded here when done.
  `
  CREATE TABLE doc_migrations (
    name TEXT PRIMARY KEY,
    done_at INTEGER NOT NULL
  );
  `,
  // Cycle kinds (KIND-1): a conversation with a client (default) or of a leidinggevende with a
  // colleague; existing cycles are conversations with a client.
  `
  ALTER TABLE cycles ADD COLUMN kind TEXT NOT NULL DEFAULT 'klantgesprek' CHECK (kind IN ('klantgesprek', 'leidinggevende'));
  `,
  // The stappenplan with dates (STEPS-1): one row per step the owner has set; a missing row is
  // "nog te doen" without a date. The date is a calendar day (YYYY-MM-DD), which sorts as text.
  `
  CREATE TABLE cycle_steps (
    cycle_id TEXT NOT NULL REFERENCES cycles(id),
    step_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('todo', 'bezig', 'klaar', 'overgeslagen')),
    date TEXT,
    reason TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL REFERENCES users(id),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (cycle_id, step_id)
  );
  `,
  // The form is signed by the client and the klantmanager: both dates go with the consent (CONSENT-SIGN-1).
  `
  ALTER TABLE consent_events ADD COLUMN client_signed_on TEXT;
  ALTER TABLE consent_events ADD COLUMN manager_signed_on TEXT;
  `,
  // The organisation asks for the signed form's scan before anyone but the owner plays; on by
  // default, also for organisations that existed before (SCANGATE-1).
  `
  ALTER TABLE organisations ADD COLUMN require_consent_scan INTEGER NOT NULL DEFAULT 1;
  `,
  // Links that show the client chosen fragments in the interview (FRAGLINK-*): only hashes of
  // the link's secret and of the tab's session token are stored; the byte spans a link may read
  // are fixed when it is made.
  `
  CREATE TABLE fragment_links (
    id TEXT PRIMARY KEY,
    cycle_id TEXT NOT NULL REFERENCES cycles(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at INTEGER,
    ended_reason TEXT,
    fragments TEXT NOT NULL
  );
  CREATE INDEX fragment_links_by_cycle ON fragment_links (cycle_id);
  CREATE TABLE fragment_link_sessions (
    token_hash TEXT PRIMARY KEY,
    link_id TEXT NOT NULL REFERENCES fragment_links(id),
    created_at INTEGER NOT NULL
  );
  CREATE INDEX fragment_link_sessions_by_link ON fragment_link_sessions (link_id);
  `,
  // The client's personal codes (only their hash; a new code retires the old) and the erasure
  // receipts the client can check later with the code (PORTAL-1, PORTAL-7).
  `
  CREATE TABLE client_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recording_id TEXT NOT NULL REFERENCES recordings(id),
    code_hash TEXT NOT NULL UNIQUE,
    created_by TEXT REFERENCES users(id),
    created_at INTEGER NOT NULL,
    retired_at INTEGER
  );
  CREATE INDEX client_codes_by_recording ON client_codes (recording_id, retired_at);
  CREATE TABLE erasure_receipts (
    number TEXT PRIMARY KEY,
    recording_id TEXT NOT NULL REFERENCES recordings(id),
    issued_at INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX erasure_receipts_by_recording ON erasure_receipts (recording_id, issued_at);
  `,
  // Read grants on a werkblad (SELF-1): its author shares it with members they watch with.
  // Only members count: the read query joins memberships, so removing a member ends the grant.
  `
  CREATE TABLE worksheet_shares (
    cycle_id TEXT NOT NULL REFERENCES cycles(id),
    author_id TEXT NOT NULL REFERENCES users(id),
    viewer_id TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (cycle_id, author_id, viewer_id)
  );
  `,
  // Deleting a cycle with everything in it (DELETE-1): the consent history stays append-only,
  // except for the rows of a cycle the owner is deleting, marked inside that one transaction.
  `
  CREATE TABLE cycles_being_deleted (cycle_id TEXT PRIMARY KEY);
  DROP TRIGGER consent_no_delete;
  CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent_events
    WHEN NOT EXISTS (SELECT 1 FROM recordings r JOIN cycles_being_deleted d ON d.cycle_id = r.cycle_id WHERE r.id = OLD.recording_id)
    BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
  `,
  // A fragment link streams files of its own, one per fragment, made when the link is made and
  // encrypted like uploads (key in media_keys); the recording itself is never read through a
  // link (FRAGLINK-2). Links made before streamed byte spans of the recording: they end here.
  `
  CREATE TABLE fragment_link_files (
    id TEXT PRIMARY KEY,
    link_id TEXT NOT NULL REFERENCES fragment_links(id),
    position INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    mime TEXT NOT NULL,
    file_start REAL NOT NULL,
    file_end REAL NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (link_id, position)
  );
  UPDATE fragment_links SET ended_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000, ended_reason = 'replaced' WHERE ended_at IS NULL;
  `,
  // Tab sessions of people without an account (the portal's client, a fragment link's viewer)
  // and the portal's rate counters survive a restart: one table for both kinds of session (only
  // token hashes), one for the counters (only hashes of codes and addresses). The fragment
  // links' own session table moves in here.
  `
  CREATE TABLE tab_sessions (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('client', 'fragment')),
    subject TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX tab_sessions_by_subject ON tab_sessions (kind, subject);
  CREATE INDEX tab_sessions_by_expiry ON tab_sessions (expires_at);
  INSERT INTO tab_sessions (token_hash, kind, subject, created_at, expires_at)
    SELECT s.token_hash, 'fragment', s.link_id, s.created_at, l.expires_at
      FROM fragment_link_sessions s JOIN fragment_links l ON l.id = s.link_id WHERE l.ended_at IS NULL;
  DROP TABLE fragment_link_sessions;
  CREATE TABLE rate_counters (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    reset_at INTEGER NOT NULL
  );
  `,
  // Which process is writing an upload's bytes right now (SCALE-9): one writer per file, also
  // across processes sharing the media folder. Identifiers and times only.
  `
  CREATE TABLE upload_leases (
    media_id TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  `,
  // A complete erasure of a recording is claimed here before it starts (PORTAL-7, RETAIN-1), so
  // that two processes (the client's withdrawal on one, the owner's or the retention sweep on
  // another) never both erase it and issue two receipts. A time only.
  `
  ALTER TABLE recordings ADD COLUMN erasure_claimed_at INTEGER;
  `,
];

/** The migrations in order, for the PostgreSQL schema built from them (`postgres-schema.ts`). */
export const schemaMigrations: readonly Migration[] = migrations;

/** Schema version just before the audit chain (tests build an older database with it). */
export const versionBeforeAuditChain = migrations.indexOf(chainAuditLog);

/** Applies the migrations up to `target` (default: all; tests stop earlier to build old databases). */
export function migrate(db: Database, target = migrations.length): void {
  // Several processes may share the file (SCALE-1) and start together: each step runs in an
  // IMMEDIATE transaction (the write lock first, waiting up to busy_timeout) and re-reads the
  // version inside it, so a step another process just applied is skipped, never run twice.
  const step = db.transaction((v: number): void => {
    if ((db.pragma('user_version', { simple: true }) as number) !== v) return;
    const migration = migrations[v]!;
    if (typeof migration === 'string') db.exec(migration);
    else migration(db);
    db.pragma(`user_version = ${v + 1}`);
  });
  for (let v = db.pragma('user_version', { simple: true }) as number; v < target; v = db.pragma('user_version', { simple: true }) as number) {
    step.immediate(v);
  }
}
