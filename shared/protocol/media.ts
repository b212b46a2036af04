import { z } from 'zod';
import { consentUses } from '../domain/consent.ts';
import { limits } from '../limits/index.ts';
import { erasureScopes } from '../portal/protocol.ts';

/** HTTP payloads of recordings and consent; the server validates with these. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Gebruik een datum als JJJJ-MM-DD.')
  // Round trip: Date.parse accepts 30 February and rolls it over into March.
  .refine((s) => {
    const ms = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
  }, 'Dit is geen geldige datum.');

export const recordingLabel = z.string().trim().min(1).max(limits.recordingLabelMaxLength);

export const createRecordingBody = z.object({ label: recordingLabel });

const decisions = z.object(Object.fromEntries(consentUses.map((u) => [u, z.boolean()])) as Record<(typeof consentUses)[number], z.ZodBoolean>).strict();

/**
 * Today's date where the forms are signed (the Netherlands), as YYYY-MM-DD. A UTC date would call
 * a form signed this morning just after midnight "in the future" for an hour or two.
 */
export function todayInNl(now: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** How long before the recording was added a signature may lie (CONSENT-SIGN-1). */
export const signatureMaxDaysBeforeRecording = 365;

/** The earliest signature date for a recording added at `recordingCreatedAt` (epoch ms). */
export function earliestSignatureDate(recordingCreatedAt: number): string {
  return new Date(recordingCreatedAt - signatureMaxDaysBeforeRecording * 86_400_000).toISOString().slice(0, 10);
}

export const signatureDateMessages = {
  future: 'Deze datum ligt in de toekomst. Vul de datum in die bij de handtekening staat.',
  tooEarly: 'Deze datum ligt meer dan een jaar vóór de opname. Controleer het jaartal.',
  retentionBefore: 'De bewaartermijn kan niet eindigen vóór de datum van een handtekening.',
} as const;

/** A signature date: a real date, not after today (CONSENT-SIGN-1). */
const signatureDate = isoDate.refine((s) => s <= todayInNl(), signatureDateMessages.future);

const consentFields = {
  decisions,
  /**
   * The form is signed by both (the seed's form): the date beside the client's and beside the
   * klantmanager's signature (CONSENT-SIGN-1).
   */
  clientSignedOn: signatureDate,
  managerSignedOn: signatureDate,
  /** The date the client consented; by default the date the client signed. */
  consentDate: isoDate.optional(),
  recordedBy: z.string().trim().min(1).max(120),
  lawfulBasis: z.string().trim().max(limits.consentNoteMaxLength).default(''),
  retentionUntil: isoDate,
};

type ConsentFieldsOut = { clientSignedOn: string; managerSignedOn: string; retentionUntil: string };

function checkRetention(body: ConsentFieldsOut, ctx: z.RefinementCtx): void {
  for (const field of ['clientSignedOn', 'managerSignedOn'] as const) {
    if (body.retentionUntil < body[field]) ctx.addIssue({ code: 'custom', path: ['retentionUntil'], message: signatureDateMessages.retentionBefore });
  }
}

/** The client's decisions per use, both signatures' dates, who recorded it, lawful basis and retention date. */
export const recordConsentBody = z.object(consentFields).superRefine(checkRetention);

/**
 * The same, for one recording: the form belongs to this conversation, so a signature more than a
 * year before the recording was added is a typing error (usually the year). Kijkruimte does not
 * know the day the conversation took place, only the day the recording was added, and the form
 * is signed at or before the conversation: the bound can therefore only be a generous one.
 */
export function recordConsentBodyFor(recording: { createdAt: number }) {
  const earliest = earliestSignatureDate(recording.createdAt);
  return z.object(consentFields).superRefine((body, ctx) => {
    checkRetention(body, ctx);
    for (const field of ['clientSignedOn', 'managerSignedOn'] as const) {
      if (body[field] < earliest) ctx.addIssue({ code: 'custom', path: [field], message: signatureDateMessages.tooEarly });
    }
  });
}

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
