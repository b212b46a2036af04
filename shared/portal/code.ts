/**
 * The client's personal code (PORTAL-1). It is the client's only credential for the portal, so it
 * is long and random: 24 characters from a 29-character alphabet (≈ 116 bits), grouped in sixes
 * for typing from paper. The alphabet leaves out characters people confuse when reading or
 * typing (0/O, 1/I/L, U/V).
 */
export const clientCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const clientCodeLength = 24;
export const clientCodeGroup = 6;

/** Groups a bare code for print: `ABCDEF-GHJKMN-…`. */
export function formatClientCode(bare: string): string {
  const groups: string[] = [];
  for (let i = 0; i < bare.length; i += clientCodeGroup) groups.push(bare.slice(i, i + clientCodeGroup));
  return groups.join('-');
}

/**
 * What a person typed, as the bare code: case, spaces and dashes do not matter. Returns null when
 * it cannot be a code at all (so the server never hashes or counts junk of any length).
 */
export function normaliseClientCode(input: string): string | null {
  if (input.length > 80) return null;
  const bare = input.toUpperCase().replace(/[\s-]/g, '');
  if (bare.length !== clientCodeLength) return null;
  for (const ch of bare) if (!clientCodeAlphabet.includes(ch)) return null;
  return bare;
}

/** The portal's address, with the code in the URL fragment: browsers never send a fragment to a server. */
export const portalPath = '/client';
export function portalUrlWithCode(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${portalPath}#code=${encodeURIComponent(formatClientCode(code))}`;
}

/** The header that carries the portal session's token (never a cookie, never the URL). */
export const clientSessionHeader = 'x-kijkruimte-client';
