import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addObservation, listObservations, observationsOf } from '../../shared/domain/cycle-doc/index.ts';
import {
  normaliseObservationKind,
  observationKindCatalogue,
  observationKinds,
  selectableObservationKinds,
  valenceDescriptions,
  valenceLabels,
  valences,
} from '../../shared/kijkwijzer/analysis.ts';
import { pillarById } from '../../shared/kijkwijzer/reflection.ts';
import { themeById, themes } from '../../shared/kijkwijzer/themes.ts';

describe('WORDING-1 valence in the seeds’ words, no judgement', () => {
  it('says "wat goed gaat", "opvallend" and "mogelijk onbedoeld gevolg"; never "zorg" or "negatief"', () => {
    expect(valenceLabels).toEqual({ positive: 'wat goed gaat', neutral: 'opvallend', concern: 'mogelijk onbedoeld gevolg' });
    for (const v of valences) expect(`${valenceLabels[v]} ${valenceDescriptions[v]}`).not.toMatch(/\bzorg|negatief|slecht/i);
    // Stable ids: stored data keeps its meaning.
    expect(valences).toEqual(['positive', 'neutral', 'concern']);
  });
});

describe('WORDING-2 the two meanings of "feedback" have their own labels', () => {
  it('the theme is feedback asked within the conversation; the third pillar is the client interview', () => {
    const theme = themeById('feedback');
    const pillar = pillarById('client');
    expect(theme.label).toBe('Feedback vragen in het gesprek');
    expect(pillar.label).toBe('Feedback uit het cliëntinterview');
    expect(new Set([theme.label, theme.shortLabel, pillar.label, pillar.shortLabel]).size).toBe(4);
    for (const label of [theme.label, pillar.label]) expect(label).not.toBe('Feedback van de cliënt');
  });
});

describe('WORDING-3 "raakmoment" is the emotion theme only, not also a kind', () => {
  it('is no longer offered as a kind, but stays readable (stable id)', () => {
    expect(selectableObservationKinds).not.toContain('touchpoint');
    expect(observationKinds).toContain('touchpoint');
    expect(themes.flatMap((t) => t.examples).some((e) => e.kind === 'touchpoint')).toBe(false);
    expect(themeById('emotie').label).toBe('Raakmomenten (emotie)');
    expect(observationKindCatalogue.touchpoint.description).toMatch(/Raakmomenten \(emotie\)/);
  });

  it('an old raakmoment reads as an observation with the theme emotie', () => {
    expect(normaliseObservationKind({ kind: 'touchpoint' as const, themes: ['echtheid' as const] })).toEqual({ kind: 'observation', themes: ['echtheid', 'emotie'] });
    expect(normaliseObservationKind({ kind: 'touchpoint' as const, themes: ['emotie' as const] }).themes).toEqual(['emotie']);
    const doc = new Y.Doc();
    addObservation(observationsOf(doc), { author: 'u', authorName: 'U', start: 1, themes: [], kind: 'touchpoint', valence: 'positive', text: 'oud' });
    expect(listObservations(observationsOf(doc)).map((o) => [o.kind, o.themes])).toEqual([['observation', ['emotie']]]);
  });
});
