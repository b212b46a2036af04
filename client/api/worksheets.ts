/** Sharing a werkblad (SELF-1): who I share mine with, whose are shared with me, and reading one. */
import { z } from 'zod';
import { coreQuestionIds } from '../../shared/kijkwijzer/core-questions.ts';
import { themeIds } from '../../shared/kijkwijzer/themes.ts';
import { watchWithIds } from '../../shared/kijkwijzer/reflection.ts';
import type { WorksheetSharesBody } from '../../shared/protocol/worksheet.ts';
import { requestJson } from './http.ts';

const person = z.object({ userId: z.string(), name: z.string() });
const shares = z.object({ viewers: z.array(person), sharedWithMe: z.array(person) });
export type WorksheetShares = z.infer<typeof shares>;

/** The werkblad and core-question reflection as the server copies them (route and live copy alike). */
export const sharedWorksheetView = z.object({
  worksheet: z.object({
    watchWith: z.array(z.enum(watchWithIds)),
    watchWithOther: z.string().optional(),
    entries: z.array(z.object({
      themeId: z.enum(themeIds),
      wonder: z.string(),
      change: z.string(),
      seen: z.array(z.object({ at: z.number(), end: z.number().optional(), mediaId: z.string().nullable().optional(), text: z.string() })),
    })),
  }),
  coreReflection: z.array(z.object({
    questionId: z.enum(coreQuestionIds),
    answer: z.string(),
    moments: z.array(z.object({ id: z.string(), at: z.number(), mediaId: z.string().nullable().optional(), text: z.string(), createdAt: z.number() })),
  })),
});
export type SharedWorksheetView = z.infer<typeof sharedWorksheetView>;
const sharedWorksheet = sharedWorksheetView.extend({ author: person });
export type SharedWorksheet = z.infer<typeof sharedWorksheet>;

const base = (cycleId: string): string => `/api/cycles/${encodeURIComponent(cycleId)}`;

export function fetchWorksheetShares(cycleId: string): Promise<WorksheetShares> {
  return requestJson('GET', `${base(cycleId)}/worksheet/shares`, shares);
}

export function setWorksheetShares(cycleId: string, body: WorksheetSharesBody): Promise<WorksheetShares> {
  return requestJson('PUT', `${base(cycleId)}/worksheet/shares`, shares, { body });
}

export function fetchSharedWorksheet(cycleId: string, authorId: string): Promise<SharedWorksheet> {
  return requestJson('GET', `${base(cycleId)}/worksheets/${encodeURIComponent(authorId)}`, sharedWorksheet);
}
