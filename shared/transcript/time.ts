/**
 * Time codes. People and the method's own transcripts write "06.11" for 6 minutes 11 seconds,
 * so a dot followed by exactly two digits is minutes.seconds; a comma is a decimal separator.
 */

/**
 * Reads a time code typed in a form or written in a transcript: "6:30", "06:30", "1:02:03",
 * "06.11" (6 min 11 s, the seeds' form), "1:02:03.5", "95" or "95,5" (seconds). Seconds, or null.
 */
export function parseTimeCode(text: string): number | null {
  const s = text.trim();
  if (/^\d+(,\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  // Minutes.seconds as the seeds write it ("06.11", "75.10").
  const dotted = /^(\d{1,3})\.(\d{2})$/.exec(s);
  if (dotted) {
    const sec = Number(dotted[2]);
    return sec >= 60 ? null : Number(dotted[1]) * 60 + sec;
  }
  if (/^\d+\.\d$|^\d+\.\d{3,}$/.test(s)) return Number(s);
  const m = /^(?:(\d+):)?(\d{1,3}):(\d{2})([.,]\d+)?$/.exec(s);
  if (m === null) return null;
  const [, h, min, sec, frac] = m;
  if (Number(sec) >= 60 || (h !== undefined && Number(min) >= 60)) return null;
  return Number(h ?? 0) * 3600 + Number(min) * 60 + Number(sec) + Number((frac ?? '').replace(',', '.') || 0);
}

/** A WebVTT or SRT timestamp ("01:02:03.456", "02:03.456", "01:02:03,456") in ms, or null. */
export function parseCueTimestamp(text: string): number | null {
  const m = /^(?:(\d{1,3}):)?(\d{2}):(\d{2})[.,](\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  const [, h, min, sec, frac] = m;
  if (Number(min) >= 60 || Number(sec) >= 60) return null;
  return (Number(h ?? 0) * 3600 + Number(min) * 60 + Number(sec)) * 1000 + Number(frac!.padEnd(3, '0'));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "hh:mm:ss.mmm" (WebVTT) or "hh:mm:ss,mmm" (SRT). */
export function formatCueTimestamp(ms: number, separator: '.' | ',' = '.'): string {
  const t = Math.max(0, Math.round(ms));
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor((t % 3_600_000) / 60_000);
  const s = Math.floor((t % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(t % 1000, 3)}`;
}

/** The seeds' form "mm.ss" (minutes may pass 59; seconds are truncated). */
export function formatPlainTime(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  return `${pad(Math.floor(total / 60))}.${pad(total % 60)}`;
}
