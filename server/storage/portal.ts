import crypto from 'node:crypto';
import type { ErasureReceipt } from '../../shared/portal/protocol.ts';
import { clientCodeAlphabet, clientCodeLength } from '../../shared/portal/code.ts';
import { hashToken } from './ids.ts';
import type { SqlDb } from './sql.ts';

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
  constructor(private readonly db: SqlDb) {}

  /** A new code for the recording; every earlier one stops working (rotation). Returns the bare code. */
  issueCode(recordingId: string, actorId: string): Promise<string> {
    return this.db.transaction(async (tx) => {
      const now = Date.now();
      await tx.run('UPDATE client_codes SET retired_at = ? WHERE recording_id = ? AND retired_at IS NULL', [now, recordingId]);
      const code = randomCode();
      await tx.run('INSERT INTO client_codes (recording_id, code_hash, created_by, created_at) VALUES (?, ?, ?, ?)', [recordingId, hashToken(code), actorId, now]);
      return code;
    });
  }

  /** The recording of a live code (bare, normalised), or undefined. */
  async recordingOfCode(bareCode: string): Promise<string | undefined> {
    const row = await this.db.get<{ recording_id: string }>('SELECT recording_id FROM client_codes WHERE code_hash = ? AND retired_at IS NULL', [hashToken(bareCode)]);
    return row?.recording_id;
  }

  async hasCode(recordingId: string): Promise<boolean> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM client_codes WHERE recording_id = ? AND retired_at IS NULL', [recordingId]))!.n > 0;
  }

  /** When the live code was made, or null: the form page warns before a new code retires it. */
  async codeIssuedAt(recordingId: string): Promise<number | null> {
    const row = await this.db.get<{ created_at: number }>(
      'SELECT created_at FROM client_codes WHERE recording_id = ? AND retired_at IS NULL ORDER BY id DESC LIMIT 1',
      [recordingId],
    );
    return row?.created_at ?? null;
  }

  async addReceipt(recordingId: string, receipt: ErasureReceipt): Promise<void> {
    await this.db.run('INSERT INTO erasure_receipts (number, recording_id, issued_at, body) VALUES (?, ?, ?, ?)', [
      receipt.number,
      recordingId,
      receipt.issuedAt,
      JSON.stringify(receipt),
    ]);
  }

  /** A receipt, only when it belongs to this recording (a code never sees another's receipt). */
  async receipt(number: string, recordingId: string): Promise<ErasureReceipt | undefined> {
    const row = await this.db.get<{ body: string }>('SELECT body FROM erasure_receipts WHERE number = ? AND recording_id = ?', [number, recordingId]);
    return row ? (JSON.parse(row.body) as ErasureReceipt) : undefined;
  }

  receiptsOf(recordingId: string): Promise<{ number: string; issuedAt: number }[]> {
    return this.db.all('SELECT number, issued_at AS "issuedAt" FROM erasure_receipts WHERE recording_id = ? ORDER BY issued_at DESC', [recordingId]);
  }

  /**
   * Who watched or exported: playback of this recording's files, transcript exports of them,
   * and exports of the cycle (the report may quote the conversation). Role as it is now.
   */
  accessOf(cycleId: string, recordingId: string): Promise<PortalAccessRow[]> {
    return this.db.all<PortalAccessRow>(
      `SELECT a.at, a.action, u.name, m.role
         FROM audit_events a
         LEFT JOIN users u ON u.id = a.actor_id
         LEFT JOIN memberships m ON m.cycle_id = a.cycle_id AND m.user_id = a.actor_id
        WHERE a.cycle_id = ? AND a.outcome = 'allowed' AND (
              (a.action IN ('media_played', 'transcript_exported') AND a.target IN (SELECT id FROM media_files WHERE recording_id = ?))
           OR a.action = 'cycle_exported')
        ORDER BY a.id DESC LIMIT 500`,
      [cycleId, recordingId],
    );
  }
}
