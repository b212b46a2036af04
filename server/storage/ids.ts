import crypto from 'node:crypto';

export const newId = (): string => crypto.randomUUID();

/** 256-bit random token, URL-safe. */
export const randomToken = (): string => crypto.randomBytes(32).toString('base64url');

/** Tokens are stored hashed: a stolen database does not yield live sessions or links. */
export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');
