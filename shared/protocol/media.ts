import { z } from 'zod';
import { consentUses } from '../domain/consent.ts';
import { limits } from '../limits/index.ts';
import { erasureScopes } from '../portal/protocol.ts';

/** HTTP payloads of recordings and consent; the server validates with these. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Gebruik een datum als JJJJ-MM-DD.')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'Dit is geen geldige datum.');

export const recordingLabel = z.string().trim().min(1).max(limits.recordingLabelMaxLength);

export const createRecordingBody = z.object({ label: recordingLabel });

const decisions = z.object(Object.fromEntries(consentUses.map((u) => [u, z.boolean()])) as Record<(typeof consentUses)[number], z.ZodBoolean>).strict();

/** The client's decisions per use, plus date, who recorded it, lawful basis and retention date. */
export const recordConsentBody = z.object({
  decisions,
  consentDate: isoDate,
  recordedBy: z.string().trim().min(1).max(120),
  lawfulBasis: z.string().trim().max(limits.consentNoteMaxLength).default(''),
  retentionUntil: isoDate,
});

/** Withdraw some uses, or everything (which erases the media). */
export const withdrawConsentBody = z.union([
  z.object({ uses: z.array(z.enum(consentUses)).min(1).max(consentUses.length) }).strict(),
  // What goes with the media (PORTAL-6): by default the notes stay without media.
  z.object({ all: z.literal(true), scope: z.enum(erasureScopes).default('media') }).strict(),
]);

/** Upload-Metadata keys the tus endpoint understands (values are base64 per the tus spec). */
export const uploadMetadata = z.object({
  filename: z.string().max(255).optional(),
  filetype: z.string().max(100).optional(),
  /** Add the file to an existing recording ("video 1" split in two parts); else a new one is made. */
  recordingId: z.string().uuid().optional(),
  label: recordingLabel.optional(),
});

export type RecordConsentBody = z.infer<typeof recordConsentBody>;
/** What a client sends (`scope` may be left out: the notes stay). */
export type WithdrawConsentBody = z.input<typeof withdrawConsentBody>;
export type UploadMetadata = z.infer<typeof uploadMetadata>;
