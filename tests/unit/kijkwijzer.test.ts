import { describe, expect, it } from 'vitest';
import {
  agendaSectionIds,
  agendaSections,
  analysisMainQuestions,
  basicEmotions,
  clientInterviewPhases,
  compareValence,
  coreQuestionById,
  coreQuestions,
  coreQuestionsForTheme,
  evaluationQuestions,
  findTheme,
  fits,
  fittingLogic,
  fittingRole,
  fittingSelfImage,
  interventionLogicCatalogue,
  interventionLogicIds,
  interventionLogics,
  isThemeId,
  lifeDomains,
  logicFit,
  logicOfRole,
  observationKindCatalogue,
  observationKindLabels,
  observationKinds,
  pillars,
  reportSectionHeading,
  reportTemplate,
  roleCatalogue,
  roleIds,
  roles,
  selfImageCatalogue,
  selfImageIds,
  selfImages,
  slimFit,
  slimMatches,
  takeawayPrompt,
  takeawayQuestions,
  themeById,
  themeCatalogue,
  themeIds,
  themes,
  validateWorksheet,
  watchWithLabels,
  valenceLabels,
  valences,
  worksheetFields,
  worksheetThemeChoices,
  type KnownRoleId,
  type KnownSelfImageId,
  type ThemeId,
  type Valence,
} from '../../shared/kijkwijzer/index.ts';

// ---------------------------------------------------------------------------------------------
// Expected content, written down from reading the seeds (not derived from the catalogue), so the
// test fails when something the seeds name goes missing.
// ---------------------------------------------------------------------------------------------

/** Kijkwijzer (deel 3), "Thema’s": the eleven theme questions, algemeen then specifiek. */
const seedKijkwijzerThemes: Record<string, ThemeId> = {
  'Zijn er raakmomenten (emotie)?': 'emotie',
  'Is er sprake van weerstand, afhaken of verstarren (fight, flight, freeze)?': 'weerstand',
  'Wordt er aan cliënten feedback gevraagd?': 'feedback',
  'Welke resultaten worden bereikt?': 'resultaten',
  'Is er echtheid in de communicatie?': 'echtheid',
  'Wordt er naar beleving en gevoel gevraagd, ruimte gegeven en geluisterd?': 'beleving',
  'Is het doel van het gesprek helder?': 'doel',
  'Is er een gezamenlijke agenda?': 'agenda',
  'Is er meta-communicatie (benoemen wat je doet en waarom)?': 'metacommunicatie',
  'Wisselen de praat- en luisterbeurten voldoende?': 'spreektijd',
  'Klopt de benadering met het zelfbeeld van de cliënt?': 'interventielogica',
};
const seedAlgemeen: ThemeId[] = ['emotie', 'weerstand', 'feedback', 'resultaten'];

/** The kijk-en-doe-wijzer's five core questions and the theme each is about. */
const seedCoreQuestions: { topic: string; primary: ThemeId; keyword: RegExp }[] = [
  { topic: 'gedoe (weerstand, afhaken, verstarring, stagnatie)', primary: 'gedoe', keyword: /gedoe/i },
  { topic: 'dát we dit gesprek hebben en waarom (kader)', primary: 'kader', keyword: /dát we dit gesprek hebben/i },
  { topic: 'echt of sociaal wenselijk gesprek', primary: 'echtheid', keyword: /sociaal wenselijk/i },
  { topic: 'gezamenlijk doel (het WAT)', primary: 'doel', keyword: /gezamenlijk doel/i },
  { topic: 'het HOE: aansluiting bij hoe de ander de situatie ervaart', primary: 'interventielogica', keyword: /ervaart/i },
];
const seedKijkEnDoeThemes: ThemeId[] = ['gedoe', 'kader'];

/** "Werkblad": the themes to tick (1 to 3). */
const seedWorksheetChoices = [
  'Emotie',
  'Weerstand',
  'Feedback',
  'Resultaten',
  'Contact',
  'Doelgerichtheid',
  'Regie',
  'Beleving',
  'Interventielogica',
];
const seedWatchWith = ['Alleen', 'Collega', 'Coach / trainer', 'Onderzoeker', 'Cliënt', 'Anders'];

/** Signals named in the seeds that must be findable as sub-aspects of a theme. */
const seedAspects: { theme: ThemeId; label: RegExp }[] = [
  { theme: 'weerstand', label: /fight/i },
  { theme: 'weerstand', label: /flight/i },
  { theme: 'weerstand', label: /freeze/i },
  { theme: 'gedoe', label: /^weerstand$/i },
  { theme: 'gedoe', label: /^afhaken$/i },
  { theme: 'gedoe', label: /^verstarring$/i },
  { theme: 'gedoe', label: /^stagnatie$/i },
  { theme: 'gedoe', label: /welles-nietes/i },
  { theme: 'gedoe', label: /ja zeggen, nee doen/i },
  { theme: 'emotie', label: /benoemd/i },
  { theme: 'emotie', label: /ruimte gegeven/i },
  { theme: 'emotie', label: /bewust/i },
  { theme: 'resultaten', label: /werkrelatie/i },
  { theme: 'resultaten', label: /richting het doel/i },
  { theme: 'beleving', label: /overvraagd/i },
  { theme: 'beleving', label: /serieus genomen/i },
  { theme: 'spreektijd', label: /ping-pong/i },
  { theme: 'spreektijd', label: /ondervraagd/i },
  { theme: 'interventielogica', label: /leiden of volgen/i },
  { theme: 'interventielogica', label: /accepteren of veranderen/i },
  { theme: 'interventielogica', label: /ik-ik of wij/i },
  { theme: 'interventielogica', label: /systeem/i },
  { theme: 'echtheid', label: /sociaal wenselijk/i },
];

/** SLIM: what the client says about himself, and which role and logic fit (Kijkwijzer SLIM appendix; kijk-en-doe-wijzer deel 3). */
const seedSlim: {
  selfImage: RegExp;
  role: RegExp;
  logic: RegExp;
  need: string;
  problem: RegExp;
  werk: string;
  schulden: string;
  gezondheid: string;
  wonen: string;
}[] = [
  {
    selfImage: /^Ik wil en kan, geef me een kans$/,
    role: /^Facilitator \/ verkoper$/,
    logic: /^Kansen$/,
    need: 'een kans',
    problem: /kansenprobleem/i,
    werk: 'Jobhunting',
    schulden: 'Krediet regelen',
    gezondheid: 'Gezonde omgeving creëren',
    wonen: 'Huis regelen',
  },
  {
    selfImage: /^Ik wil wel, maar ik kan niet/,
    role: /^Leraar$/,
    logic: /^Competenties$/,
    need: 'een leerbehoefte',
    problem: /competentieprobleem/i,
    werk: 'Jobcoaching',
    schulden: 'Budgetcoaching',
    gezondheid: 'Leefstijlcoaching',
    wonen: 'Ambulante woonbegeleiding',
  },
  {
    selfImage: /^Ik heb het opgegeven/,
    role: /^Ouder-figuur$/,
    logic: /^\(Zelf\)sturing$/,
    need: 'redding',
    problem: /zelfsturingsprobleem/i,
    werk: 'Begeleid werken',
    schulden: 'Bewindvoering',
    gezondheid: 'Medicijnen',
    wonen: 'Begeleid wonen',
  },
  {
    selfImage: /andere plannen met mijn leven$/,
    role: /^Ondernemer$/,
    logic: /^Ondernemen$/,
    need: 'vormgeven aan alternatieve ambities',
    problem: /ik-pas-niet-in-jullie-wereld/i,
    werk: 'Zzp-begeleiding (ondernemend uit de bijstand)',
    schulden: 'Inkomsten vergroten',
    gezondheid: 'Alternatieve geneeswijzen',
    wonen: 'Alternatieve woonvormen',
  },
];

/** The reports in the worked example, in order. */
const seedReportSections = [
  'achtergrond',
  'gesprek met observaties',
  'interview met de cliënt',
  'reflectiegesprek',
  'aandachtspunten',
  'evaluatie',
  'hoe het is verder gegaan',
];

// ---------------------------------------------------------------------------------------------
// Colour helpers (WCAG 2.x relative luminance; CIE L*a*b* for distinctness)
// ---------------------------------------------------------------------------------------------

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}
function linear(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrastOnWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}
function lab(hex: string): [number, number, number] {
  const [r, g, b] = rgb(hex).map(linear) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27) * t / 116 + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
function deltaE(a: string, b: string): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

// ---------------------------------------------------------------------------------------------

describe('Kijkwijzer themes', () => {
  it('keeps the stable id list', () => {
    expect(themeIds).toMatchInlineSnapshot(`
      [
        "emotie",
        "weerstand",
        "feedback",
        "resultaten",
        "echtheid",
        "beleving",
        "doel",
        "agenda",
        "metacommunicatie",
        "spreektijd",
        "interventielogica",
        "gedoe",
        "kader",
      ]
    `);
  });

  it('has one catalogue entry per id, in id order, with unique ids', () => {
    expect(new Set(themeIds).size).toBe(themeIds.length);
    expect(Object.keys(themeCatalogue).sort()).toEqual([...themeIds].sort());
    expect(themes.map((t) => t.id)).toEqual([...themeIds]);
    for (const [key, theme] of Object.entries(themeCatalogue)) expect(theme.id).toBe(key);
  });

  it('contains every theme of the Kijkwijzer, with the right group and source', () => {
    for (const [seedQuestion, id] of Object.entries(seedKijkwijzerThemes)) {
      const theme = findTheme(id);
      expect(theme, `${seedQuestion} → ${id}`).toBeDefined();
      expect(theme?.group).toBe(seedAlgemeen.includes(id) ? 'algemeen' : 'specifiek');
      expect(['kijkwijzer', 'both']).toContain(theme?.source);
    }
  });

  it('contains the themes the kijk-en-doe-wijzer adds', () => {
    for (const id of seedKijkEnDoeThemes) {
      expect(themeById(id).source).toBe('kijk-en-doe-wijzer');
      expect(themeById(id).group).toBe('kernvraag');
    }
    // Every theme is accounted for by one of the two seeds.
    expect([...Object.values(seedKijkwijzerThemes), ...seedKijkEnDoeThemes].sort()).toEqual([...themeIds].sort());
  });

  it('marks themes that are also a core question of the kijk-en-doe-wijzer as coming from both', () => {
    for (const q of seedCoreQuestions) {
      expect(['kijk-en-doe-wijzer', 'both']).toContain(themeById(q.primary).source);
    }
  });

  it('gives every theme labels, a question, a description, ≥ 2 guiding questions and ≥ 1 tip', () => {
    for (const t of themes) {
      expect(t.label.length, t.id).toBeGreaterThan(2);
      expect(t.shortLabel.length, t.id).toBeGreaterThan(2);
      expect(t.shortLabel.length, t.id).toBeLessThanOrEqual(20);
      expect(t.question, t.id).toMatch(/\?$/);
      expect(t.description.length, t.id).toBeGreaterThan(40);
      expect(t.guidingQuestions.length, t.id).toBeGreaterThanOrEqual(2);
      expect(t.tips.length, t.id).toBeGreaterThanOrEqual(1);
      for (const q of t.guidingQuestions) expect(q, t.id).toMatch(/\?$/);
      for (const text of [...t.guidingQuestions, ...t.tips]) expect(text.trim(), t.id).toBe(text);
      expect(new Set(t.guidingQuestions).size, t.id).toBe(t.guidingQuestions.length);
      expect(new Set(t.tips).size, t.id).toBe(t.tips.length);
    }
  });

  it('has unique aspect ids per theme, and related themes that exist', () => {
    for (const t of themes) {
      expect(new Set(t.aspects.map((a) => a.id)).size, t.id).toBe(t.aspects.length);
      for (const r of t.relatedThemeIds) {
        expect(isThemeId(r), `${t.id} → ${r}`).toBe(true);
        expect(r).not.toBe(t.id);
      }
    }
  });

  it('keeps the signals the seeds name as sub-aspects of the right theme', () => {
    for (const { theme, label } of seedAspects) {
      const labels = themeById(theme).aspects.map((a) => a.label);
      expect(labels.some((l) => label.test(l)), `${theme}: ${label} in ${labels.join(', ')}`).toBe(true);
    }
    expect([...basicEmotions]).toEqual(['boos', 'bang', 'bedroefd', 'blij', 'walging']);
  });

  it('has example observations with a known kind and valence', () => {
    let total = 0;
    for (const t of themes) {
      for (const ex of t.examples) {
        total += 1;
        expect(observationKinds).toContain(ex.kind);
        expect(valences).toContain(ex.valence);
        expect(ex.text.length).toBeGreaterThan(20);
        if (ex.atSeconds !== undefined) expect(ex.atSeconds).toBeGreaterThanOrEqual(0);
      }
    }
    expect(total).toBeGreaterThanOrEqual(themes.length);
  });

  it('uses distinct, valid hex colours with contrast ≥ 3:1 on white', () => {
    const colours = themes.map((t) => t.color);
    for (const c of colours) {
      expect(c).toMatch(/^#[0-9A-F]{6}$/);
      expect(contrastOnWhite(c), c).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(colours).size).toBe(colours.length);
    for (let i = 0; i < themes.length; i++) {
      for (let j = i + 1; j < themes.length; j++) {
        const a = themes[i]!;
        const b = themes[j]!;
        expect(deltaE(a.color, b.color), `${a.id} vs ${b.id}`).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('computes contrast like WCAG', () => {
    expect(contrastOnWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastOnWhite('#FFFFFF')).toBeCloseTo(1, 5);
    expect(contrastOnWhite('#767676')).toBeCloseTo(4.54, 2);
  });

  it('looks themes up safely', () => {
    expect(findTheme('bestaat-niet')).toBeUndefined();
    expect(isThemeId('emotie')).toBe(true);
    expect(isThemeId('Emotie')).toBe(false);
    expect(isThemeId(3)).toBe(false);
    expect(themeById('kader').shortLabel).toBe('Kader');
  });
});

describe('core questions of the kijk-en-doe-wijzer', () => {
  it('has the five core questions in order, each about the topic the seed names', () => {
    expect(coreQuestions.map((q) => q.number)).toEqual([1, 2, 3, 4, 5]);
    coreQuestions.forEach((q, i) => {
      const seed = seedCoreQuestions[i]!;
      expect(q.themeIds[0], seed.topic).toBe(seed.primary);
      expect(q.question, seed.topic).toMatch(seed.keyword);
      expect(q.subQuestions.length).toBeGreaterThanOrEqual(2);
    });
    expect(coreQuestions.filter((q) => q.usesSlim).map((q) => q.id)).toEqual(['hoe']);
  });

  it('references only existing themes, without duplicates', () => {
    for (const q of coreQuestions) {
      for (const id of q.themeIds) expect(isThemeId(id), `${q.id} → ${id}`).toBe(true);
      expect(new Set(q.themeIds).size).toBe(q.themeIds.length);
    }
    expect(coreQuestionById('kader').themeIds).toContain('agenda');
    expect(coreQuestionsForTheme('interventielogica').map((q) => q.id)).toEqual(['hoe']);
  });

  it('names the four problem types of the HOW question', () => {
    const hoe = coreQuestionById('hoe').subQuestions.join(' ');
    for (const p of ['kansenprobleem', 'competentieprobleem', 'zelfsturingsprobleem', 'ik-pas-niet-in-jullie-wereld']) {
      expect(hoe).toContain(p);
    }
  });
});

describe('SLIM', () => {
  it('keeps the stored ids stable', () => {
    expect([...selfImageIds]).toEqual(['wilEnKan', 'wilMaarKanNiet', 'opgegeven', 'anderePlannen', 'anders']);
    expect([...roleIds]).toEqual(['facilitator', 'leraar', 'ouderfiguur', 'ondernemer', 'anders']);
  });

  it('has the four self-images plus "anders"', () => {
    expect(selfImageIds).toHaveLength(5);
    const known = selfImages.filter((s) => !s.isOther);
    expect(known).toHaveLength(4);
    for (const seed of seedSlim) expect(known.filter((s) => seed.selfImage.test(s.label)), String(seed.selfImage)).toHaveLength(1);
    expect(selfImageCatalogue.anders.label).toMatch(/^Anders/);
  });

  it('has the four roles plus "anders", and the four intervention logics', () => {
    expect(roleIds).toHaveLength(5);
    const known = roles.filter((r) => !r.isOther);
    expect(known).toHaveLength(4);
    for (const seed of seedSlim) expect(known.filter((r) => seed.role.test(r.label)), String(seed.role)).toHaveLength(1);
    expect(roleCatalogue.anders.label).toMatch(/^Anders/);
    expect(roleCatalogue.ondernemer.alsoCalled).toContain('co-creator');

    expect(interventionLogicIds).toEqual(['kansen', 'competenties', 'zelfsturing', 'ondernemen']);
    expect(interventionLogics.map((l) => l.label)).toEqual(['Kansen', 'Competenties', '(Zelf)sturing', 'Ondernemen']);
  });

  it('places the self-images on the axes willen × kunnen as the seeds do', () => {
    expect([selfImageCatalogue.wilEnKan.willen, selfImageCatalogue.wilEnKan.kunnen]).toEqual(['normaal', 'hoog']);
    expect([selfImageCatalogue.wilMaarKanNiet.willen, selfImageCatalogue.wilMaarKanNiet.kunnen]).toEqual(['normaal', 'laag']);
    expect([selfImageCatalogue.opgegeven.willen, selfImageCatalogue.opgegeven.kunnen]).toEqual(['alternatief', 'laag']);
    expect([selfImageCatalogue.anderePlannen.willen, selfImageCatalogue.anderePlannen.kunnen]).toEqual(['alternatief', 'hoog']);
    const cells = selfImages.filter((s) => !s.isOther).map((s) => `${s.willen}/${s.kunnen}`);
    expect(new Set(cells).size).toBe(4);
  });

  it('fits role and logic to self-image exactly as the seeds describe', () => {
    for (const seed of seedSlim) {
      const self = selfImages.find((s) => seed.selfImage.test(s.label))!;
      const role = roles.find((r) => seed.role.test(r.label))!;
      const logic = interventionLogics.find((l) => seed.logic.test(l.label))!;
      expect(fits(self.id, role.id), `${self.id} × ${role.id}`).toBe(true);
      expect(slimFit(self.id, role.id)).toBe('match');
      expect(fittingRole(self.id)).toBe(role.id);
      expect(fittingLogic(self.id)).toBe(logic.id);
      expect(logicFit(self.id, logic.id)).toBe('match');
      expect(logicOfRole(role.id)).toBe(logic.id);
      expect(self.need).toBe(seed.need);
      expect(logic.problem).toMatch(seed.problem);
      expect(logic.domainExamples).toEqual({
        werk: seed.werk,
        schulden: seed.schulden,
        gezondheid: seed.gezondheid,
        wonen: seed.wonen,
      });
    }
    expect(Object.keys(interventionLogicCatalogue.kansen.domainExamples)).toEqual([...lifeDomains]);
  });

  it('is a one-to-one, symmetric fit: every other known combination is a mismatch', () => {
    const knownSelf = selfImageIds.filter((s): s is KnownSelfImageId => s !== 'anders');
    const knownRoles = roleIds.filter((r): r is KnownRoleId => r !== 'anders');
    for (const s of knownSelf) {
      expect(knownRoles.filter((r) => fits(s, r))).toHaveLength(1);
      expect(fittingSelfImage(fittingRole(s)!)).toBe(s);
      for (const l of interventionLogicIds) expect(logicFit(s, l)).toBe(l === fittingLogic(s) ? 'match' : 'mismatch');
    }
    for (const r of knownRoles) {
      expect(knownSelf.filter((s) => fits(s, r))).toHaveLength(1);
      expect(fittingRole(fittingSelfImage(r)!)).toBe(r);
    }
    expect(new Set(slimMatches.map((m) => m.logic)).size).toBe(4);
  });

  it('cannot judge fit for "anders"', () => {
    expect(slimFit('anders', 'leraar')).toBe('unknown');
    expect(slimFit('wilEnKan', 'anders')).toBe('unknown');
    expect(fits('anders', 'anders')).toBe(false);
    expect(fittingRole('anders')).toBeUndefined();
    expect(fittingSelfImage('anders')).toBeUndefined();
    expect(logicFit('anders', 'kansen')).toBe('unknown');
  });
});

describe('analysis vocabulary', () => {
  it('labels the observation kinds in Dutch', () => {
    expect(observationKindLabels).toEqual({
      observation: 'observatie',
      questionForClient: 'vraag voor cliënt',
      questionForProfessional: 'vraag voor klantmanager',
      tip: 'tip',
      touchpoint: 'raakmoment',
    });
    for (const k of observationKinds) {
      expect(observationKindCatalogue[k].id).toBe(k);
      expect(observationKindCatalogue[k].heading.toLowerCase()).toBe(observationKindCatalogue[k].label);
    }
    expect(observationKindCatalogue.touchpoint.suggestedThemeIds).toEqual(['emotie']);
  });

  it('names positive moments first', () => {
    expect(valences).toEqual(['positive', 'neutral', 'concern']);
    expect(valenceLabels).toEqual({ positive: 'wat goed gaat', neutral: 'opvallend', concern: 'mogelijk onbedoeld gevolg' });
    const mixed: Valence[] = ['concern', 'positive', 'neutral', 'positive'];
    expect([...mixed].sort(compareValence)).toEqual(['positive', 'positive', 'neutral', 'concern']);
  });

  it('has the main questions for analysis, in the seed’s order, linked to existing themes', () => {
    expect(analysisMainQuestions.map((g) => g.id)).toEqual(['open', 'toegespitst', 'aandachtspunten', 'evaluatie']);
    const open = analysisMainQuestions[0]!.questions.flatMap((q) => q.themeIds);
    for (const id of ['weerstand', 'emotie', 'resultaten'] as const) expect(open).toContain(id);
    expect(analysisMainQuestions[1]!.questions.map((q) => q.id)).toEqual(['echtheid', 'doel', 'interventielogica']);
    for (const g of analysisMainQuestions) {
      expect(g.questions.length, g.id).toBeGreaterThanOrEqual(2);
      for (const q of g.questions) for (const t of q.themeIds) expect(isThemeId(t)).toBe(true);
    }
  });

  it('has client interview questions in every phase', () => {
    expect(clientInterviewPhases.map((p) => p.id)).toEqual([
      'kennismaking',
      'algemeen',
      'verwachtingen',
      'fragmenten',
      'samenwerking',
      'doel',
      'afronding',
    ]);
    for (const p of clientInterviewPhases) {
      expect(p.questions.length, p.id).toBeGreaterThanOrEqual(2);
      for (const q of p.questions) expect(q, p.id).toMatch(/\?$/);
    }
  });
});

describe('reflection', () => {
  it('builds the agenda from the three pillars', () => {
    expect(pillars.map((p) => p.id)).toEqual(['doubts', 'analysis', 'client']);
    expect(pillars.map((p) => p.from)).toEqual(['klantmanager', 'onderzoekers', 'cliënt']);
  });

  it('orders the agenda from open questions via echtheid, doel and interventielogica to fragments', () => {
    expect(agendaSections.map((s) => s.id)).toEqual([...agendaSectionIds]);
    expect([...agendaSectionIds]).toEqual(['open', 'echtheid', 'doel', 'interventielogica', 'fragmenten']);
    for (const s of agendaSections) {
      expect(s.guidingQuestions.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.guidingQuestions.length, s.id).toBeLessThanOrEqual(4);
      if (s.themeId !== undefined) expect(isThemeId(s.themeId)).toBe(true);
    }
    expect(agendaSections.filter((s) => s.themeId).map((s) => s.themeId)).toEqual(['echtheid', 'doel', 'interventielogica']);
  });

  it('TEMPLATE-1 has the seven report sections of the worked example in order (I–VII)', () => {
    expect(reportTemplate.map((s) => s.title.toLowerCase())).toEqual(seedReportSections);
    expect(reportTemplate.map((s) => s.id)).toEqual(['achtergrond', 'gesprek', 'interview', 'reflectie', 'aandachtspunten', 'evaluatie', 'verder']);
    for (const s of reportTemplate) expect(s.prompt.length, s.id).toBeGreaterThan(30);
    expect(reportSectionHeading('achtergrond')).toBe('I. Achtergrond');
    expect(reportSectionHeading('evaluatie')).toBe('VI. Evaluatie');
    expect(reportSectionHeading('verder')).toBe('VII. Hoe het is verder gegaan');
    expect(reportTemplate.find((s) => s.id === 'interview')?.whenEmpty).toBeDefined();
  });

  it('asks what the klantmanager takes along, and evaluates the reflection on its own terms', () => {
    expect(takeawayPrompt).toMatch(/meeneem|mee/);
    expect(takeawayPrompt).toMatch(/uitproberen/);
    expect(takeawayQuestions.length).toBeGreaterThanOrEqual(2);
    expect(evaluationQuestions.map((q) => q.id)).toEqual(['echtheid', 'doel', 'interventielogica', 'tips']);
  });
});

describe('werkblad', () => {
  it('offers the worksheet’s choices, covering every Kijkwijzer theme', () => {
    expect(worksheetThemeChoices.map((c) => c.label)).toEqual(seedWorksheetChoices);
    const covered = new Set(worksheetThemeChoices.flatMap((c) => c.themeIds));
    for (const id of Object.values(seedKijkwijzerThemes)) expect(covered.has(id), id).toBe(true);
    expect(worksheetFields.focusThemes).toMatchObject({ min: 1, max: 3 });
    expect(worksheetFields.watchWith.label).toBe('Met wie kijk ik?');
    expect([worksheetFields.wonder.label, worksheetFields.seen.label, worksheetFields.change.label]).toEqual([
      'Wat ik me afvraag',
      'Wat ik zie',
      'Wat ik anders ga doen',
    ]);
  });

  it('lists who you can watch with', () => {
    expect(Object.values(watchWithLabels).map((l) => l.replace(/, namelijk …$/, ''))).toEqual(seedWatchWith);
  });

  it('validates 1–3 distinct themes, "anders" and time codes', () => {
    const entry = (themeId: ThemeId, at = 10) => ({ themeId, wonder: '', seen: [{ at, text: 'x' }], change: '' });
    expect(validateWorksheet({ watchWith: ['collega'], entries: [entry('emotie')] })).toEqual([]);
    expect(validateWorksheet({ watchWith: [], entries: [] }).map((i) => i.code)).toEqual(['watchWithMissing', 'tooFewThemes']);
    expect(validateWorksheet({ watchWith: ['anders'], watchWithOther: ' ', entries: [entry('doel')] }).map((i) => i.code)).toEqual([
      'watchWithOtherMissing',
    ]);
    expect(
      validateWorksheet({
        watchWith: ['alleen'],
        entries: [entry('emotie'), entry('doel'), entry('kader'), entry('emotie', -1)],
      }).map((i) => i.code),
    ).toEqual(['tooManyThemes', 'duplicateTheme', 'badTimecode']);
    expect(
      validateWorksheet({
        watchWith: ['coach'],
        entries: [{ themeId: 'agenda', wonder: '', seen: [{ at: 30, end: 20, text: 'x' }], change: '' }],
      }),
    ).toEqual([{ code: 'badTimecode', themeId: 'agenda', index: 0 }]);
  });
});
