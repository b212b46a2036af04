import { z } from 'zod';

/**
 * The owner picks the recording of an old time code that could not be assigned (TIMECODE-6): a
 * shared observation or a fragment without `mediaId`, put on one file of the cycle.
 */
export const assignTimecodeParts = ['observations', 'fragments'] as const;
export const assignTimecodeBody = z.object({
  part: z.enum(assignTimecodeParts),
  id: z.string().min(1).max(100),
  mediaId: z.string().uuid(),
}).strict();
export type AssignTimecodeBody = z.infer<typeof assignTimecodeBody>;
