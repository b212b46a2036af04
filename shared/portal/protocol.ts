import { z } from 'zod';
import { consentUses, type ConsentUse } from '../domain/consent.ts';
import type { ClientFormText } from './form-text.ts';

/** HTTP payloads of the client's form and portal (PORTAL-*, FORM-*); the server validates with these. */

export const clientSessionBody = z.object({ code: z.string().min(1).max(80) }).strict();

export const clientFormPdfBody = z.object({ code: z.string().min(1).max(80) }).strict();

/** What stays after a complete withdrawal: the notes without media, or nothing that quotes the client. */
export const erasureScopes = ['media', 'everything'] as const;
export type ErasureScope = (typeof erasureScopes)[number];

export const clientWithdrawBody = z.union([
  z.object({ uses: z.array(z.enum(consentUses)).min(1).max(consentUses.length) }).strict(),
  z.object({ all: z.literal(true), scope: z.enum(erasureScopes) }).strict(),
]);
export type ClientWithdrawBody = z.infer<typeof clientWithdrawBody>;

export interface ClientCodeResponse {
  /** The bare code: shown once, never stored in plaintext. */
  code: string;
  form: ClientFormText;
}

export interface ClientSessionResponse {
  token: string;
  expiresAt: number;
}

export interface PortalUse {
  use: ConsentUse;
  label: string;
  granted: boolean;
  /** When the current decision for this use was made (ISO date), null if never recorded. */
  since: string | null;
}

export interface PortalAccess {
  at: number;
  kind: 'watched' | 'exported';
  /** "onderzoeker", "klantmanager", "collega". */
  role: string;
  firstName: string;
}

export interface PortalReceiptRef {
  number: string;
  issuedAt: number;
}

export interface PortalOverview {
  recording: { label: string; erased: boolean; erasedAt: number | null };
  consentRecorded: boolean;
  uses: PortalUse[];
  retentionUntil: string | null;
  access: PortalAccess[];
  receipts: PortalReceiptRef[];
  sessionExpiresAt: number;
}

export type ReceiptPart = 'media' | 'key' | 'transcript' | 'consentForm' | 'notes';

export interface ErasureReceipt {
  number: string;
  recordingLabel: string;
  issuedAt: number;
  scope: ErasureScope;
  /** What was erased and when; `count` is how many items of that kind there were. */
  erased: { part: ReceiptPart; count: number; at: number }[];
  /** In Dutch: what remains. */
  remains: string[];
  /** Why it was erased: the client or owner withdrew (also when absent: older receipts), or the
   * retention date passed (RETAIN-1). */
  reason?: ErasureReceiptReason;
}

export type ErasureReceiptReason = 'withdrawn' | 'retention';
