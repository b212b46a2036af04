import { z } from 'zod';

/**
 * Deleting a cycle with everything in it (DELETE-1). The owner confirms by typing the cycle's
 * title; the answer is a receipt that names what was erased, never any content.
 */
export const deleteCycleBody = z.object({ confirmTitle: z.string().max(500) }).strict();
export type DeleteCycleBody = z.infer<typeof deleteCycleBody>;

/** Typed titles match when equal after trimming and Unicode normalisation (case counts). */
export function titleConfirms(typed: string, title: string): boolean {
  return typed.trim().normalize('NFC') === title.trim().normalize('NFC') && title.trim() !== '';
}

export interface DeletionReceipt {
  /** Printed on the receipt and in the audit entry: the only way to find it again. */
  receipt: string;
  deletedAt: number;
  erased: {
    recordings: number;
    mediaFiles: number;
    transcripts: number;
    consentEvents: number;
    documents: number;
    members: number;
    links: number;
  };
}
