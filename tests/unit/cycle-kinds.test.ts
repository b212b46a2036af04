import { describe, expect, it } from 'vitest';
import { consentUseLabel } from '../../client/features/recordings/format.ts';
import { consentUses } from '../../shared/domain/consent.ts';
import {
  agendaSectionsFor, askedUses, cycleKindCatalogue, cycleKinds, defaultCycleKind, isCycleKind, kindProfile, kindText, kindTextKeys, observationKindFor, pillarFor,
  reportSectionHeadingFor, reportTemplateFor, watchWithLabelFor,
} from '../../shared/domain/cycle-kinds.ts';
import { promptTexts, sectionPromptsFor } from '../../shared/editor/prompts.ts';
import { reportTemplateJson } from '../../shared/editor/template.ts';
import { observationKinds } from '../../shared/kijkwijzer/analysis.ts';
import { agendaSections, pillarById, pillarIds, reportTemplate, watchWithIds } from '../../shared/kijkwijzer/reflection.ts';
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

describe('KIND-3 every word that names the people comes from the kind catalogue', () => {
  const people = /cliënt|client|klantmanager|klant\b/i;

  it('every text key exists for both kinds, filled in', () => {
    for (const kind of cycleKinds) {
      const texts = kindProfile(kind).words.texts;
      expect(Object.keys(texts).sort(), kind).toEqual([...kindTextKeys].sort());
      for (const key of kindTextKeys) expect(texts[key].trim().length, `${kind} ${key}`).toBeGreaterThan(2);
    }
  });

  it('a leidinggevende–collega cycle never speaks of a client or a klantmanager: texts, pillars, report template, observation kinds', () => {
    const kind = 'leidinggevende' as const;
    for (const key of kindTextKeys) expect(kindText(kind, key, { client: '1 mei', manager: '2 mei' }), key).not.toMatch(people);
    for (const id of pillarIds) {
      const p = pillarFor(kind, id);
      expect(`${p.label} ${p.shortLabel} ${p.description} ${p.prompt}`, id).not.toMatch(people);
    }
    for (const s of reportTemplateFor(kind)) {
      expect(`${reportSectionHeadingFor(kind, s.id)} ${s.prompt} ${s.whenEmpty ?? ''}`, s.id).not.toMatch(people);
    }
    expect(JSON.stringify(reportTemplateJson(kind))).not.toMatch(people);
    for (const id of observationKinds) {
      const o = observationKindFor(kind, id);
      expect(`${o.label} ${o.heading} ${o.description}`, id).not.toMatch(people);
    }
    expect(kindProfile(kind).noInterviewNote).not.toMatch(people);
    for (const w of watchWithIds) expect(watchWithLabelFor(kind, w), w).not.toMatch(people);
    for (const a of agendaSectionsFor(kind)) expect(`${a.label} ${a.description} ${a.guidingQuestions.join(' ')}`, a.id).not.toMatch(people);
  });

  it('the report keeps its seven sections and ids in both kinds; a conversation with a client keeps the method’s own words', () => {
    expect(reportTemplateFor('leidinggevende').map((s) => s.id)).toEqual(reportTemplate.map((s) => s.id));
    expect(reportTemplateFor('klantgesprek')).toEqual(reportTemplate);
    expect(agendaSectionsFor('klantgesprek')).toEqual(agendaSections);
    expect(agendaSectionsFor('leidinggevende').map((a) => a.id)).toEqual(agendaSections.map((a) => a.id));
    expect(reportSectionHeadingFor('klantgesprek', 'interview')).toBe('III. Interview met de cliënt');
    expect(reportSectionHeadingFor('leidinggevende', 'interview')).toBe('III. Terugblik van de collega');
    expect(pillarFor('klantgesprek', 'doubts')).toEqual(pillarById('doubts'));
    expect(pillarFor('leidinggevende', 'doubts').label).toBe('Twijfels en leerdoelen van de leidinggevende');
    // The placeholder questions follow the kind's headings; both kinds' questions are known to the export.
    expect(sectionPromptsFor('leidinggevende').get('III. Terugblik van de collega')).toMatch(/geen interview/);
    for (const k of cycleKinds) for (const s of reportTemplateFor(k)) expect(promptTexts.has(s.prompt)).toBe(true);
  });

  it('fills in placeholders like the client catalogue', () => {
    expect(kindText('leidinggevende', 'recordings.history.signed', { client: '1 mei', manager: '2 mei' }))
      .toBe('getekend door de collega op 1 mei en door de leidinggevende op 2 mei');
  });
});

describe('KIND-3 the recordings screens name the uses like the kind’s consent form', () => {
  it('withdrawal and history say "Eigen gebruik (leidinggevende)" in a leidinggevende cycle', () => {
    expect(consentUseLabel('own', 'leidinggevende')).toBe('Eigen gebruik (leidinggevende)');
    expect(consentUseLabel('own')).toBe('Eigen gebruik (klantmanager)');
    expect(consentUseLabel('colleagues', 'leidinggevende')).toBe('Andere collega’s (intervisie)');
  });
});
