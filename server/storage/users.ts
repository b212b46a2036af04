import type { PublicUser } from '../../shared/domain/access.ts';
import type { OrgSettings } from '../../shared/protocol/org.ts';
import { newId } from './ids.ts';
import type { SqlDb } from './sql.ts';

/**
 * A person as every path but the login sees them: without the password hash. A request's
 * identity lives as long as its request, and a collaboration socket's as long as the socket
 * (hours), so the hash is read only where it is checked (`credentials`) and nowhere kept.
 */
export interface UserRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  color: string;
  /** 1 once the person chose a password (0: only invited so far). */
  has_password: number;
  is_admin: number;
  disabled_at: number | null;
  created_at: number;
}

// CASE rather than a boolean expression: SQLite and PostgreSQL then both answer 0 or 1.
const userColumns =
  'id, org_id, email, name, color, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END AS has_password, is_admin, disabled_at, created_at';

/** Distinct, readable presence colours; assigned round-robin. */
const palette = ['#1d4ed8', '#b45309', '#047857', '#be185d', '#6d28d9', '#0e7490', '#b91c1c', '#4d7c0f'];

export function toPublicUser(row: UserRow): PublicUser {
  return { id: row.id, email: row.email, name: row.name, color: row.color, isAdmin: row.is_admin === 1 };
}

export class UsersRepo {
  constructor(private readonly db: SqlDb) {}

  get(id: string): Promise<UserRow | undefined> {
    return this.db.get<UserRow>(`SELECT ${userColumns} FROM users WHERE id = ?`, [id]);
  }

  findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.get<UserRow>(`SELECT ${userColumns} FROM users WHERE email = ?`, [email.trim().toLowerCase()]);
  }

  /** For the login only: the person and their password hash, to be checked and dropped. */
  async credentials(email: string): Promise<{ user: UserRow; passwordHash: string | null } | undefined> {
    const row = await this.db.get<UserRow & { password_hash: string | null }>(
      `SELECT ${userColumns}, password_hash FROM users WHERE email = ?`,
      [email.trim().toLowerCase()],
    );
    if (!row) return undefined;
    const { password_hash: passwordHash, ...user } = row;
    return { user, passwordHash };
  }

  async total(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users'))!.n;
  }

  /** The installation's organisation, if one exists (the first beheerder joins it). */
  async firstOrganisation(): Promise<string | undefined> {
    return (await this.db.get<{ id: string }>('SELECT id FROM organisations ORDER BY created_at LIMIT 1'))?.id;
  }

  async createOrganisation(name: string): Promise<string> {
    const id = newId();
    await this.db.run('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)', [id, name, Date.now()]);
    return id;
  }

  async create(input: { orgId: string; email: string; name: string; passwordHash: string | null; isAdmin: boolean }): Promise<UserRow> {
    const id = newId();
    const color = palette[(await this.total()) % palette.length]!;
    await this.db.run(
      'INSERT INTO users (id, org_id, email, name, color, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [id, input.orgId, input.email.trim().toLowerCase(), input.name, color, input.passwordHash, input.isAdmin ? 1 : 0, Date.now()],
    );
    return (await this.get(id))!;
  }

  async updatePassword(id: string, hash: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = ? WHERE id = ?', [hash, id]);
  }

  async disable(id: string): Promise<void> {
    await this.db.run('UPDATE users SET disabled_at = ? WHERE id = ?', [Date.now(), id]);
  }

  /** The organisation's settings (SCANGATE-1). */
  async orgSettings(orgId: string): Promise<OrgSettings> {
    const row = await this.db.get<{ require_consent_scan: number }>('SELECT require_consent_scan FROM organisations WHERE id = ?', [orgId]);
    return { requireConsentScan: row?.require_consent_scan !== 0 };
  }

  async setOrgSettings(orgId: string, settings: OrgSettings): Promise<void> {
    await this.db.run('UPDATE organisations SET require_consent_scan = ? WHERE id = ?', [settings.requireConsentScan ? 1 : 0, orgId]);
  }

  listOrganisation(orgId: string): Promise<UserRow[]> {
    return this.db.all<UserRow>(`SELECT ${userColumns} FROM users WHERE org_id = ? ORDER BY name`, [orgId]);
  }
}
