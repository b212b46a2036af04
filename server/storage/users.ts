import type { Database, Statement } from 'better-sqlite3';
import type { PublicUser } from '../../shared/domain/access.ts';
import type { OrgSettings } from '../../shared/protocol/org.ts';
import { newId } from './ids.ts';

export interface UserRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  color: string;
  password_hash: string | null;
  is_admin: number;
  disabled_at: number | null;
  created_at: number;
}

/** Distinct, readable presence colours; assigned round-robin. */
const palette = ['#1d4ed8', '#b45309', '#047857', '#be185d', '#6d28d9', '#0e7490', '#b91c1c', '#4d7c0f'];

export function toPublicUser(row: UserRow): PublicUser {
  return { id: row.id, email: row.email, name: row.name, color: row.color, isAdmin: row.is_admin === 1 };
}

export class UsersRepo {
  private readonly byId: Statement<[string]>;
  private readonly byEmail: Statement<[string]>;
  private readonly count: Statement<[]>;
  private readonly insertOrg: Statement<[string, string, number]>;
  private readonly insertUser: Statement<[string, string, string, string, string, string | null, number, number]>;
  private readonly setPassword: Statement<[string, string]>;
  private readonly setDisabled: Statement<[number | null, string]>;
  private readonly listByOrg: Statement<[string]>;
  private readonly orgSettingsOf: Statement<[string]>;
  private readonly setScanRequired: Statement<[number, string]>;

  constructor(db: Database) {
    this.byId = db.prepare('SELECT * FROM users WHERE id = ?');
    this.byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
    this.count = db.prepare('SELECT COUNT(*) AS n FROM users');
    this.insertOrg = db.prepare('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)');
    this.insertUser = db.prepare(
      'INSERT INTO users (id, org_id, email, name, color, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.setPassword = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
    this.setDisabled = db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?');
    this.listByOrg = db.prepare('SELECT * FROM users WHERE org_id = ? ORDER BY name');
    this.orgSettingsOf = db.prepare('SELECT require_consent_scan FROM organisations WHERE id = ?');
    this.setScanRequired = db.prepare('UPDATE organisations SET require_consent_scan = ? WHERE id = ?');
  }

  get(id: string): UserRow | undefined {
    return this.byId.get(id) as UserRow | undefined;
  }

  findByEmail(email: string): UserRow | undefined {
    return this.byEmail.get(email.trim().toLowerCase()) as UserRow | undefined;
  }

  total(): number {
    return (this.count.get() as { n: number }).n;
  }

  createOrganisation(name: string): string {
    const id = newId();
    this.insertOrg.run(id, name, Date.now());
    return id;
  }

  create(input: { orgId: string; email: string; name: string; passwordHash: string | null; isAdmin: boolean }): UserRow {
    const id = newId();
    const color = palette[this.total() % palette.length]!;
    this.insertUser.run(id, input.orgId, input.email.trim().toLowerCase(), input.name, color, input.passwordHash, input.isAdmin ? 1 : 0, Date.now());
    return this.get(id)!;
  }

  updatePassword(id: string, hash: string): void {
    this.setPassword.run(hash, id);
  }

  disable(id: string): void {
    this.setDisabled.run(Date.now(), id);
  }

  /** The organisation's settings (SCANGATE-1). */
  orgSettings(orgId: string): OrgSettings {
    const row = this.orgSettingsOf.get(orgId) as { require_consent_scan: number } | undefined;
    return { requireConsentScan: row?.require_consent_scan !== 0 };
  }

  setOrgSettings(orgId: string, settings: OrgSettings): void {
    this.setScanRequired.run(settings.requireConsentScan ? 1 : 0, orgId);
  }

  listOrganisation(orgId: string): UserRow[] {
    return this.listByOrg.all(orgId) as UserRow[];
  }
}
