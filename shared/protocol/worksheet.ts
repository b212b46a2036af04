import { z } from 'zod';

/** The werkblad's author names who may read it (SELF-1): the whole list, replacing the previous one. */
export const worksheetSharesBody = z.object({ viewerIds: z.array(z.string().uuid()).max(50) }).strict();
export type WorksheetSharesBody = z.infer<typeof worksheetSharesBody>;
