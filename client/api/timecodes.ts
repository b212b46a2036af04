/** The owner puts an old time code without a recording on one (TIMECODE-6). */
import { z } from 'zod';
import type { AssignTimecodeBody } from '../../shared/protocol/timecodes.ts';
import { requestJson } from './http.ts';

export async function assignTimecode(cycleId: string, body: AssignTimecodeBody): Promise<void> {
  await requestJson('PUT', `/api/cycles/${encodeURIComponent(cycleId)}/timecodes/recording`, z.object({ ok: z.literal(true) }), { body });
}
