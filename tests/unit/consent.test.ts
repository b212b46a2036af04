import { describe, expect, it } from 'vitest';
import { cycleRoles, type CycleRole } from '../../shared/domain/access.ts';
import { canPlay, consentRefusalMessages, consentUses, noConsent, playbackUseOf, type ConsentUse } from '../../shared/domain/consent.ts';

function state(granted: ConsentUse[], recorded = true, erased = false) {
  const decisions = noConsent();
  for (const u of granted) decisions[u] = true;
  return { recorded, decisions, erased };
}

describe('CONSENT-1 canPlay: role × use', () => {
  const expected: Record<CycleRole, ConsentUse> = { owner: 'own', researcher: 'researchers', colleague: 'colleagues' };

  it('maps every member role to exactly one use; training and clientInterview grant no playback', () => {
    expect(playbackUseOf).toEqual(expected);
    const granting = new Set(Object.values(playbackUseOf));
    expect(granting.has('training')).toBe(false);
    expect(granting.has('clientInterview')).toBe(false);
  });

  const cases = cycleRoles.flatMap((role) => consentUses.map((use) => ({ role, use })));
  it.each(cases)('$role with only "$use" granted', ({ role, use }) => {
    const d = canPlay(role, state([use]));
    expect(d.allowed).toBe(expected[role] === use);
    if (!d.allowed) {
      expect(d.reason).toBe('consent_missing');
      expect(d.use).toBe(expected[role]);
      expect(d.message).toBe(consentRefusalMessages[expected[role]]);
    }
  });

  it.each(cycleRoles)('%s with everything granted plays; with nothing granted does not', (role) => {
    expect(canPlay(role, state([...consentUses])).allowed).toBe(true);
    expect(canPlay(role, state([])).allowed).toBe(false);
  });

  it('until consent is recorded only the owner plays', () => {
    expect(canPlay('owner', state([], false)).allowed).toBe(true);
    expect(canPlay('researcher', state([], false))).toMatchObject({ allowed: false, reason: 'consent_missing', use: 'researchers' });
    expect(canPlay('colleague', state([], false)).allowed).toBe(false);
  });

  it('nobody plays erased media, and a non-member (the administrator) never plays', () => {
    for (const role of cycleRoles) expect(canPlay(role, state([...consentUses], true, true))).toMatchObject({ allowed: false, reason: 'erased' });
    expect(canPlay(null, state([...consentUses]))).toMatchObject({ allowed: false, reason: 'not_member' });
  });

  it('explains intervision refusals in Dutch', () => {
    expect(canPlay('colleague', state(['own', 'researchers']))).toMatchObject({
      message: 'De cliënt heeft geen toestemming gegeven voor gebruik in intervisie.',
    });
  });
});
