import { describe, expect, it } from 'vitest';
import { consentUses, noConsent } from '../../shared/domain/consent.ts';
import { clientCodeAlphabet, formatClientCode, normaliseClientCode, portalUrlWithCode } from '../../shared/portal/code.ts';
import { clientFormText, dutchDate } from '../../shared/portal/form-text.ts';
import { qrPath } from '../../shared/portal/qr.ts';
import { receiptRemains } from '../../shared/portal/receipt-text.ts';
import { matchRoute, paths } from '../../client/routing/router.ts';

const code = 'ABCDEF23456789GHJKMNPQRS';
const input = {
  recordingLabel: 'video 1',
  retentionUntil: '2027-12-03',
  decisions: null,
  code,
  portalUrl: portalUrlWithCode('https://kijkruimte.example/', code),
  portalBaseUrl: 'https://kijkruimte.example/client',
};

describe('PORTAL-1 the code’s alphabet and spelling', () => {
  it('has no characters people confuse, groups in sixes and reads back from any spelling', () => {
    for (const ch of '01OILUV') expect(clientCodeAlphabet).not.toContain(ch);
    expect(formatClientCode(code)).toBe('ABCDEF-234567-89GHJK-MNPQRS');
    expect(normaliseClientCode(' abcdef 234567-89ghjk-mnpqrs ')).toBe(code);
    expect(normaliseClientCode(code.slice(1))).toBeNull();
    expect(normaliseClientCode(code.replace('A', 'O'))).toBeNull();
    expect(normaliseClientCode('A'.repeat(1000))).toBeNull();
  });

  it('puts the code in the fragment of the portal address, never in its path or query', () => {
    const url = new URL(portalUrlWithCode('https://kijkruimte.example/', code));
    expect(url.pathname).toBe('/client');
    expect(url.search).toBe('');
    expect(url.hash).toBe('#code=ABCDEF-234567-89GHJK-MNPQRS');
  });
});

describe('FORM-1 the form and folder text (one source for the print page and the PDF)', () => {
  const form = clientFormText(input);

  it('explains what is recorded, why, who may watch per use, how long, and how to withdraw', () => {
    const headings = form.folder.map((s) => s.heading);
    expect(headings).toEqual([
      'Waarom vragen we dit?',
      'Wat nemen we op?',
      'Waar gebruiken we het voor?',
      'Wie mag de opname zien?',
      'Hoe lang bewaren we de opname?',
      'Wilt u stoppen?',
    ]);
    const all = form.folder.flatMap((s) => s.paragraphs).join(' ');
    expect(all).toContain('nooit bewijs');
    expect(all).toContain('geen invloed op uw uitkering');
    expect(all).toContain('tot 3 december 2027');
    expect(form.uses.map((u) => u.use)).toEqual([...consentUses]);
    expect(form.uses.every((u) => u.question.length > 0 && u.who.length > 0 && u.granted === null)).toBe(true);
  });

  it('has signature lines for the client and the klantmanager, and the code as text', () => {
    expect(form.signatures.map((s) => s.role)).toEqual(['Handtekening cliënt', 'Handtekening klantmanager']);
    expect(form.signatures.every((s) => s.lines.includes('Datum') && s.lines.includes('Handtekening'))).toBe(true);
    expect(form.code).toBe('ABCDEF-234567-89GHJK-MNPQRS');
    expect(form.codeParagraphs.join(' ')).toContain('https://kijkruimte.example/client');
  });

  it('ticks recorded decisions and leaves a blank for an unknown retention date', () => {
    const decided = clientFormText({ ...input, retentionUntil: null, decisions: { ...noConsent(), own: true } });
    expect(decided.uses.find((u) => u.use === 'own')?.granted).toBe(true);
    expect(decided.uses.find((u) => u.use === 'training')?.granted).toBe(false);
    expect(decided.folder.find((s) => s.heading.startsWith('Hoe lang'))?.paragraphs[0]).toContain('____');
    expect(dutchDate('2026-01-05')).toBe('5 januari 2026');
  });

  it('draws a QR code of the portal address (a version fitting the address, unit squares only)', () => {
    const qr = qrPath(form.portalUrl);
    expect(qr.size).toBeGreaterThanOrEqual(21);
    expect(qr.path).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
  });
});

describe('PORTAL-7 what the receipt says remains', () => {
  it('depends on the client’s choice', () => {
    expect(receiptRemains('media').join(' ')).toContain('zonder beeld en geluid');
    expect(receiptRemains('everything').join(' ')).toContain('alleen de tijdstippen en thema’s');
  });
});

describe('PORTAL-2 the portal and form addresses', () => {
  it('routes /client and the form page', () => {
    expect(matchRoute('/client')).toEqual({ name: 'clientPortal' });
    const id = '0b7c6f0e-8a3c-4b1e-9d2a-5f6e7d8c9b0a';
    expect(matchRoute(paths.clientForm(id, id))).toEqual({ name: 'clientForm', cycleId: id, recordingId: id });
    expect(matchRoute(`/cycli/${id}/formulier/%E0%A4%A`)).toEqual({ name: 'notFound' });
  });
});

describe('KIND-3 the folder and form for a colleague', () => {
  it('speak of the leidinggevende, ask no interview and keep everything else', () => {
    const form = clientFormText(input, 'leidinggevende');
    const all = JSON.stringify(form);
    expect(all).not.toMatch(/cliënt|klantmanager|uitkering/i);
    expect(all).toContain('Uw leidinggevende wil leren');
    expect(form.uses.map((u) => u.use)).toEqual(['own', 'researchers', 'colleagues', 'training']);
    expect(form.signatures.map((s) => s.role)).toEqual(['Handtekening collega', 'Handtekening leidinggevende']);
    // A conversation with a client keeps its own words and every use.
    expect(clientFormText(input, 'klantgesprek')).toEqual(clientFormText(input));
    expect(clientFormText(input).uses.map((u) => u.use)).toEqual([...consentUses]);
  });
});
