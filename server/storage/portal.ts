import crypto from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { ErasureReceipt } from '../../shared/portal/protocol.ts';
import { clientCodeAlphabet, clientCodeLength } from '../../shared/portal/code.ts';
import { hashToken } from './ids.ts';

export interface PortalAccessRow {
  at: number;
  action: 'media_played' | 'transcript_exported' | 'cycle_exported';
  name: string | null;
  role: string | null;
}

/** A uniformly random code: rejection sampling, so no character of the alphabet is favoured. */
function randomCode(): string {
  let out = '';
  const limit = 256 - (256 % clientCodeAlphabet.length);
  while (out.length < clientCodeLength) {
    for (const byte of crypto.randomBytes(clientCodeLength * 2)) {
      if (byte < limit && out.length < clientCodeLength) out += clientCodeAlphabet[byte % clientCodeAlphabet.length];
    }
  }
  return out;
}

/**
 * The client's codes and erasure receipts (PORTAL-1, PORTAL-7), and what the portal reads of the
 * audit log.
 *
 * Codes are stored as SHA-256 only. A fast, unsalted hash is enough here because the code is a
 * random 116-bit secret, not a password a person chose: nobody can enumerate the code space from a
 * stolen database, and a deterministic hash lets the server find a code by index in one lookup.
 */
export class PortalRepo {
  private readonly s: Record<string, Statement>;
  private readonly issueTx: (recordingId: string, actorId: string) => string;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      retire: p('UPDATE client_codes SET retired_at = ? WHERE recording_id = ? AND retired_at IS NULL'),
      insert: p('INSERT INTO client_codes (recording_id, code_hash, created_by, created_at) VALUES (?, ?, ?, ?)'),
      find: p('SELECT recording_id FROM client_codes WHERE code_hash = ? AND retired_at IS NULL'),
      hasCode: p('SELECT COUNT(*) AS n FROM client_codes WHERE recording_id = ? AND retired_at IS NULL'),
      codeIssuedAt: p('SELECT created_at FROM client_codes WHERE recording_id = ? AND retired_at IS NULL ORDER BY id DESC LIMIT 1'),
      insertReceipt: p('INSERT INTO erasure_receipts (number, recording_id, issued_at, body) VALUES (?, ?, ?, ?)'),
      receipt: p('SELECT body FROM erasure_receipts WHERE number = ? AND recording_id = ?'),
      receiptsOf: p('SELECT number, issued_at AS issuedAt FROM erasure_receipts WHERE recording_id = ? ORDER BY issued_at DESC'),
      // Who watched or exported: playback of this recording's files, transcript exports of them,
      // and exports of the cycle (the report may quote the conversation). Role as it is now.
      access: p(
        `SELECT a.at, a.action, u.name, m.role
           FROM audit_events a
           LEFT JOIN users u ON u.id = a.actor_id
           LEFT JOIN memberships m ON m.cycle_id = a.cycle_id AND m.user_id = a.actor_id
          WHERE a.cycle_id = ? AND a.outcome = 'allowed' AND (
                (a.action IN ('media_played', 'transcript_exported') AND a.target IN (SELECT id FROM media_files WHERE recording_id = ?))
             OR a.action = 'cycle_exported')
          ORDER BY a.id DESC LIMIT 500`,
      ),
    };
    this.issueTx = db.transaction((recordingId: string, actorId: string) => {
      const now = Date.now();
      this.s.retire!.run(now, recordingId);
      const code = randomCode();
      this.s.insert!.run(recordingId, hashToken(code), actorId, now);
      return code;
    });
  }

  /** A new code for the recording; every earlier one stops working (rotation). Returns the bare code. */
  issueCode(recordingId: string, actorId: string): string {
    return this.issueTx(recordingId, actorId);
  }

  /** The recording of a live code (bare, normalised), or undefined. */
  recordingOfCode(bareCode: string): string | undefined {
    return (this.s.find!.get(hashToken(bareCode)) as { recording_id: string } | undefined)?.recording_id;
  }

  hasCode(recordingId: string): boolean {
    return (this.s.hasCode!.get(recordingId) as { n: number }).n > 0;
  }

  /** When the live code was made, or null: the form page warns before a new code retires it. */
  codeIssuedAt(recordingId: string): number | null {
    return (this.s.codeIssuedAt!.get(recordingId) as { created_at: number } | undefined)?.created_at ?? null;
  }

  addReceipt(recordingId: string, receipt: ErasureReceipt): void {
    this.s.insertReceipt!.run(receipt.number, recordingId, receipt.issuedAt, JSON.stringify(receipt));
  }

  /** A receipt, only when it belongs to this recording (a code never sees another's receipt). */
  receipt(number: string, recordingId: string): ErasureReceipt | undefined {
    const row = this.s.receipt!.get(number, recordingId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as ErasureReceipt) : undefined;
  }

  receiptsOf(recordingId: string): { number: string; issuedAt: number }[] {
    return this.s.receiptsOf!.all(recordingId) as { number: string; issuedAt: number }[];
  }

  accessOf(cycleId: string, recordingId: string): PortalAccessRow[] {
    return this.s.access!.all(cycleId, recordingId) as PortalAccessRow[];
  }
}
