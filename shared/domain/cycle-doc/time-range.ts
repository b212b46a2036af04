import { parseTimeCode } from '../../transcript/time.ts';
import { formatTime } from './fragments.ts';

/**
 * A typed time range, as the method writes fragments: "Terugkijken fragment minuut 6:00 – 6:30"
 * (FRAGMENT-1). Accepts "6:00–6:30", "6.00-6.30", "6:00 - 6:30", "1:02:03–1:02:30", "360-390"
 * (seconds), with an en dash, em dash, hyphen or "tot", and an optional "minuut"/"min." before it.
 * Each side is read by the one time-code parser (`shared/transcript/time.ts`). Bad input gets a
 * Dutch sentence that says what to change, never a guess.
 */
export type TimeRangeResult =
  | { readonly ok: true; readonly start: number; readonly end: number }
  | { readonly ok: false; readonly error: string };

export const timeRangeExample = '6:00–6:30';

const separator = /\s*(?:–|—|-|\btot\b|\bt\/m\b)\s*/i;

export function parseTimeRange(text: string, durationSec?: number): TimeRangeResult {
  const s = text.trim().replace(/^(?:minuut|minuten|min\.?)\s*/i, '');
  if (s === '') return { ok: false, error: `Typ een begin en een eind, bijvoorbeeld ${timeRangeExample}.` };
  const parts = s.split(separator);
  if (parts.length === 1) return { ok: false, error: `Typ ook het eind, met een streepje ertussen, bijvoorbeeld ${timeRangeExample}.` };
  if (parts.length > 2) return { ok: false, error: `Typ één begin en één eind, bijvoorbeeld ${timeRangeExample}.` };
  const [startText, endText] = parts as [string, string];
  if (startText === '') return { ok: false, error: `Het begin ontbreekt. Typ bijvoorbeeld ${timeRangeExample}.` };
  if (endText === '') return { ok: false, error: `Het eind ontbreekt. Typ bijvoorbeeld ${timeRangeExample}.` };
  const start = parseTimeCode(startText);
  if (start === null) return { ok: false, error: `"${startText}" is geen tijd. Schrijf minuten en seconden, zoals 6:00 of 6.00.` };
  const end = parseTimeCode(endText);
  if (end === null) return { ok: false, error: `"${endText}" is geen tijd. Schrijf minuten en seconden, zoals 6:30 of 6.30.` };
  if (end <= start) return { ok: false, error: `Het eind (${formatTime(end)}) moet na het begin (${formatTime(start)}) liggen.` };
  if (durationSec !== undefined && Number.isFinite(durationSec) && durationSec > 0 && start >= durationSec) {
    return { ok: false, error: `Het begin ligt na het einde van de opname (${formatTime(durationSec)}).` };
  }
  if (durationSec !== undefined && Number.isFinite(durationSec) && durationSec > 0 && end > Math.ceil(durationSec)) {
    return { ok: false, error: `Het eind ligt na het einde van de opname (${formatTime(durationSec)}).` };
  }
  return { ok: true, start, end };
}
