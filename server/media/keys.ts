import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The master key wraps every file key (AES-256-GCM, random nonce, the key id as additional data).
 * It comes from KIJKRUIMTE_MASTER_KEY, or — in the embedded default — from `master.key` in the
 * data directory, generated on the first start. Destroying a file key (deleting its row) makes
 * the file's ciphertext unreadable for good: crypto-erasure.
 */
export const MASTER_KEY_FILE = 'master.key';

/** Parses a 256-bit key given as 64 hex characters or base64 / base64url. */
export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const b = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
    if (b.length === 32) return b;
  }
  throw new Error('KIJKRUIMTE_MASTER_KEY moet 32 bytes zijn, als 64 hexadecimale tekens of base64.');
}

export function loadMasterKey(dataDir: string, fromEnv: string | null): Buffer {
  if (fromEnv) return parseMasterKey(fromEnv);
  const file = path.join(dataDir, MASTER_KEY_FILE);
  try {
    return parseMasterKey(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  // 'wx': never overwrite a key another process just wrote.
  try {
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return parseMasterKey(fs.readFileSync(file, 'utf8'));
    throw err;
  }
  return key;
}

export class KeyRing {
  constructor(private readonly master: Buffer) {
    if (master.length !== 32) throw new Error('master key must be 32 bytes');
  }

  static newFileKey(): Buffer {
    return crypto.randomBytes(32);
  }

  wrap(keyId: string, fileKey: Buffer): Buffer {
    const nonce = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.master, nonce);
    c.setAAD(Buffer.from(`kijkruimte-file-key:${keyId}`));
    const ct = Buffer.concat([c.update(fileKey), c.final()]);
    return Buffer.concat([Buffer.from([1]), nonce, ct, c.getAuthTag()]);
  }

  unwrap(keyId: string, wrapped: Buffer): Buffer {
    if (wrapped.length !== 1 + 12 + 32 + 16 || wrapped[0] !== 1) throw new Error('unknown wrapped key format');
    const d = crypto.createDecipheriv('aes-256-gcm', this.master, wrapped.subarray(1, 13));
    d.setAAD(Buffer.from(`kijkruimte-file-key:${keyId}`));
    d.setAuthTag(wrapped.subarray(45));
    return Buffer.concat([d.update(wrapped.subarray(13, 45)), d.final()]);
  }
}
