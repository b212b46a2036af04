import { transcriptLimits, type ParseError } from './types.ts';

/**
 * Windows-1252's characters for bytes 0x80–0x9F (undefined ones stay as they are). Node's
 * TextDecoder decodes "windows-1252" as Latin-1 there, so curly quotes ("“”") from Word would come
 * out as control characters; mapping them here gives the same text in Node and the browser.
 */
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? cp1252High[b - 0x80]! : String.fromCharCode(b);
  return out;
}

/**
 * Turns an uploaded file into text: UTF-8 with or without a byte-order mark, and otherwise
 * Windows-1252 (what Word and older Windows tools save "ANSI" text as). UTF-16 and binary files
 * are refused by content rather than shown as garbage.
 */
export function decodeTranscript(bytes: Uint8Array): { ok: true; text: string } | { ok: false; errors: ParseError[] } {
  if (bytes.length > transcriptLimits.maxBytes) {
    return { ok: false, errors: [{ line: 0, message: `Het bestand is groter dan ${transcriptLimits.maxBytes / 1024 / 1024} MiB.` }] };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.includes(0)) {
    return { ok: false, errors: [{ line: 0, message: 'Dit is geen tekstbestand (of het is opgeslagen als UTF-16). Sla het op als UTF-8.' }] };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    // Not valid UTF-8: the single-byte Windows encoding decodes every byte.
    return { ok: true, text: decodeWindows1252(body) };
  }
}
