import { describe, expect, it } from 'vitest';
import { closeCodes, errorBody, errorCatalogue, errorForCloseCode, permanentCloseCodes } from '../../shared/errors/index.ts';
import { isValidDocName, limits } from '../../shared/limits/index.ts';

describe('error catalogue', () => {
  it('gives every error a Dutch message, an HTTP status and unique close codes', () => {
    const seen = new Map<number, string>();
    for (const [code, spec] of Object.entries(errorCatalogue)) {
      expect(spec.message.length).toBeGreaterThan(5);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      if ('closeCode' in spec) {
        expect(seen.has(spec.closeCode), `${code} reuses ${spec.closeCode}`).toBe(false);
        seen.set(spec.closeCode, code);
      }
    }
    expect(errorBody('forbidden')).toEqual({ error: { code: 'forbidden', message: errorCatalogue.forbidden.message } });
  });

  it('maps close codes back to catalogue entries; permanent ones are ours', () => {
    expect(errorForCloseCode(closeCodes.forbidden)).toBe('forbidden');
    expect(errorForCloseCode(closeCodes.invalidDocName)).toBe('invalid_doc_name');
    expect(errorForCloseCode(1234)).toBeUndefined();
    for (const c of permanentCloseCodes) expect(c).toBeGreaterThanOrEqual(4000);
  });
});

describe('document names', () => {
  it.each(['demo', 'cycle:3f2a:shared', 'layer.abc_1-2'])('accepts %s', (n) => expect(isValidDocName(n)).toBe(true));
  it.each(['', 'Demo', '.x', '-x', 'a/b', 'a b', 'é', 'x'.repeat(limits.docNameMaxLength + 1)])('refuses %j', (n) =>
    expect(isValidDocName(n)).toBe(false),
  );
});
