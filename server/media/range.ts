/**
 * HTTP Range (RFC 9110 §14) for one representation of `size` bytes. Several ranges are coalesced
 * into one (browsers never ask for several; a single-part 206 is a valid answer). Syntax the
 * server does not understand is ignored (200 with the whole body), as the RFC allows.
 */
export type RangeResult = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const spec = /^(\d*)-(\d*)$/;

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) return { kind: 'full' };
  let start = Infinity;
  let end = -1;
  for (const part of m[1]!.split(',')) {
    const p = spec.exec(part.trim());
    if (!p || (p[1] === '' && p[2] === '')) return { kind: 'full' };
    const a = p[1] === '' ? null : Number(p[1]);
    const b = p[2] === '' ? null : Number(p[2]);
    if ((a !== null && !Number.isSafeInteger(a)) || (b !== null && !Number.isSafeInteger(b))) return { kind: 'full' };
    let s: number;
    let e: number;
    if (a === null) {
      // Suffix range: the last b bytes.
      if (b === 0 || size === 0) continue;
      s = Math.max(0, size - b!);
      e = size - 1;
    } else {
      if (b !== null && b < a) return { kind: 'full' };
      if (a >= size) continue;
      s = a;
      e = b === null ? size - 1 : Math.min(b, size - 1);
    }
    start = Math.min(start, s);
    end = Math.max(end, e);
  }
  if (end < 0) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
