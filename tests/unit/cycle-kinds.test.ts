import { describe, expect, it } from 'vitest';
import { consentUses } from '../../shared/domain/consent.ts';
import { askedUses, cycleKindCatalogue, cycleKinds, defaultCycleKind, isCycleKind, kindProfile } from '../../shared/domain/cycle-kinds.ts';
import { planStepIds, planStepsFor } from '../../shared/domain/plan.ts';
import { createCycleBody } from '../../shared/protocol/http.ts';

describe('KIND-1 one catalogue of cycle kinds', () => {
  it('has the two kinds, with conversations with a client as the default', () => {
    expect(cycleKinds).toEqual(['klantgesprek', 'leidinggevende']);
    expect(defaultCycleKind).toBe('klantgesprek');
    expect(createCycleBody.parse({ title: 'x' }).kind).toBe('klantgesprek');
    expect(createCycleBody.safeParse({ title: 'x', kind: 'teamoverleg' }).success).toBe(false);
    expect(isCycleKind('leidinggevende')).toBe(true);
    expect(isCycleKind('x')).toBe(false);
  });

  it('every kind has every label, and the form and the export name the same uses', () => {
    for (const kind of cycleKinds) {
      const p = cycleKindCatalogue[kind];
      expect(p.id).toBe(kind);
      for (const text of [p.label, p.description, p.professional, p.other, p.counterpartLabel, p.counterpartHint, p.noInterviewNote, p.consentHeading, p.consentIntro, p.ownerRole]) {
        expect(text.trim().length, kind).toBeGreaterThan(2);
      }
      expect(Object.keys(p.consentFormLabels).sort()).toEqual(Object.keys(p.consentUses).sort());
      expect(askedUses(kind).every((u) => consentUses.includes(u))).toBe(true);
    }
  });

  it('a leidinggevende–collega cycle has no client interview: not in its consent, not in its plan, and its words are about a colleague', () => {
    const p = kindProfile('leidinggevende');
    expect(p.hasClientInterview).toBe(false);
    expect(askedUses('leidinggevende')).not.toContain('clientInterview');
    expect(planStepsFor('leidinggevende').map((s) => s.id)).toEqual(planStepIds.filter((id) => id !== 'clientInterview'));
    expect(p.consentHeading).toBe('Toestemming van de collega');
    expect(planStepsFor('leidinggevende').find((s) => s.id === 'vervolg')?.dateLabel).toBe('Vervolggesprek met de collega op');
    expect(Object.values(p.consentFormLabels).join(' ')).not.toMatch(/cliënt/i);
    expect(planStepsFor('leidinggevende').map((s) => s.text).join(' ')).not.toMatch(/klantmanager|cliënt/i);
    expect(p.ownerRole).toBe('leidinggevende (eigenaar)');
  });

  it('a conversation with a client keeps the interview', () => {
    expect(kindProfile('klantgesprek').hasClientInterview).toBe(true);
    expect(askedUses('klantgesprek')).toEqual([...consentUses]);
    expect(planStepsFor('klantgesprek').map((s) => s.id)).toEqual([...planStepIds]);
    expect(planStepsFor('klantgesprek').find((s) => s.id === 'vervolg')?.dateLabel).toBe('Vervolggesprek met de cliënt op');
  });
});
