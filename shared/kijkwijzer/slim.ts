/**
 * SLIM, het subjectief logisch interventie model: the vocabularies for the client's self-image
 * ("zelfbeeld"), the professional's role ("rolopvatting") and the intervention logic
 * ("interventielogica"), and which of them fit together.
 *
 * Sources: Kijkwijzer deel 3 ("Klopt de benadering met het zelfbeeld van de cliënt?", the SLIM
 * appendix), the kijk-en-doe-wijzer (kernvraag 5 "HOE", tips "Hoe", deel 3 table "voor elk
 * probleem zijn minimaal vier oplossingen"), and the action-research report (the axes willen/kunnen).
 *
 * Isomorphic: no DOM, no Node APIs.
 */

// ---------------------------------------------------------------------------------------------
// Axes
// ---------------------------------------------------------------------------------------------

/**
 * The two main axes: "willen" is the social orientation (towards what society calls normal, or
 * elsewhere: own dreams and talents, or surviving day to day); "kunnen" is the self-reliance the
 * client experiences. It is the client's own perception that counts.
 */
export const slimAxes = {
  willen: {
    label: 'Willen',
    description: 'Sociale oriëntatie: gericht op wat maatschappelijk “normaal” is, of op iets anders.',
  },
  kunnen: {
    label: 'Kunnen',
    description: 'Ervaren zelfredzaamheid: hoe goed denkt de cliënt het zelf te kunnen?',
  },
} as const;

export type SocialOrientation = 'normaal' | 'alternatief';
export type ExperiencedSelfReliance = 'hoog' | 'laag';

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

export const selfImageIds = ['wilEnKan', 'wilMaarKanNiet', 'opgegeven', 'anderePlannen', 'anders'] as const;
export type SelfImageId = (typeof selfImageIds)[number];
export type KnownSelfImageId = Exclude<SelfImageId, 'anders'>;

export const roleIds = ['facilitator', 'leraar', 'ouderfiguur', 'ondernemer', 'anders'] as const;
export type RoleId = (typeof roleIds)[number];
export type KnownRoleId = Exclude<RoleId, 'anders'>;

export const interventionLogicIds = ['kansen', 'competenties', 'zelfsturing', 'ondernemen'] as const;
export type InterventionLogicId = (typeof interventionLogicIds)[number];

export interface SelfImage {
  readonly id: SelfImageId;
  /** What the client says about himself, mostly without saying it aloud. */
  readonly label: string;
  /** Other phrasings in the seeds, e.g. the kijk-en-doe-wijzer's. */
  readonly alsoPhrased: readonly string[];
  readonly description: string;
  /** Position on the axes; null for "anders". */
  readonly willen: SocialOrientation | null;
  readonly kunnen: ExperiencedSelfReliance | null;
  /** The need the client voices when asked what he expects ("een kans", "redding", …). */
  readonly need: string | null;
  /** The free-text option: "Anders, namelijk …". */
  readonly isOther: boolean;
}

export interface Role {
  readonly id: RoleId;
  readonly label: string;
  readonly alsoCalled: readonly string[];
  /** What the professional mainly does in this role. */
  readonly focus: string;
  readonly isOther: boolean;
}

export interface InterventionLogic {
  readonly id: InterventionLogicId;
  readonly label: string;
  /** How the Kijkwijzer names the logic of a trajectory. */
  readonly trajectLabel: string;
  /** The kind of problem this logic solves (kijk-en-doe-wijzer, kernvraag 5). */
  readonly problem: string;
  readonly trajectExamples: readonly string[];
  /** The kind of conversation that goes with it and what it is about (tips "Hoe"). */
  readonly conversation: { readonly label: string; readonly about: string };
  /** Examples per life domain (kijk-en-doe-wijzer, deel 3). */
  readonly domainExamples: Readonly<Record<LifeDomain, string>>;
}

export const lifeDomains = ['werk', 'schulden', 'gezondheid', 'wonen'] as const;
export type LifeDomain = (typeof lifeDomains)[number];
export const lifeDomainLabels: Readonly<Record<LifeDomain, string>> = {
  werk: 'Werk',
  schulden: 'Schulden',
  gezondheid: 'Gezondheid',
  wonen: 'Wonen',
};

export const selfImageCatalogue: Readonly<Record<SelfImageId, SelfImage>> = {
  wilEnKan: {
    id: 'wilEnKan',
    label: 'Ik wil en kan, geef me een kans',
    alsoPhrased: ['Ik wil en ik kan, geef me een kans'],
    description: 'De cliënt staat klaar en legt het probleem buiten zichzelf: hij mist alleen de mogelijkheid.',
    willen: 'normaal',
    kunnen: 'hoog',
    need: 'een kans',
    isOther: false,
  },
  wilMaarKanNiet: {
    id: 'wilMaarKanNiet',
    label: 'Ik wil wel, maar ik kan niet',
    alsoPhrased: ['Ik vind het moeilijk, het lukt me niet', 'Ik wil wel, maar kan nog niet zo goed'],
    description: 'De cliënt wil meedoen, maar twijfelt aan eigen kunnen en zoekt het probleem bij zichzelf.',
    willen: 'normaal',
    kunnen: 'laag',
    need: 'een leerbehoefte',
    isOther: false,
  },
  opgegeven: {
    id: 'opgegeven',
    label: 'Ik heb het opgegeven, los jij het voor me op?',
    alsoPhrased: ['Ik wil niet meer en kan niet meer, ik heb het opgegeven, help'],
    description:
      'Na veel tegenslag of steeds overvraagd worden leeft de cliënt van dag tot dag, in een soort overlevingsstand.',
    willen: 'alternatief',
    kunnen: 'laag',
    need: 'redding',
    isOther: false,
  },
  anderePlannen: {
    id: 'anderePlannen',
    label: 'Laat me maar, ik heb andere plannen met mijn leven',
    alsoPhrased: ['Ik heb andere plannen met mijn leven'],
    description:
      'De cliënt is anders gemotiveerd: eigen dromen en talenten, vrienden of een eigen wereld wegen zwaarder dan een opleiding of een baantje.',
    willen: 'alternatief',
    kunnen: 'hoog',
    need: 'vormgeven aan alternatieve ambities',
    isOther: false,
  },
  anders: {
    id: 'anders',
    label: 'Anders, namelijk …',
    alsoPhrased: [],
    description: 'Past geen van de vier; beschrijf wat de cliënt over zichzelf zegt.',
    willen: null,
    kunnen: null,
    need: null,
    isOther: true,
  },
};

export const roleCatalogue: Readonly<Record<RoleId, Role>> = {
  facilitator: {
    id: 'facilitator',
    label: 'Facilitator / verkoper',
    alsoCalled: ['verkoper', 'facilitator'],
    focus: 'Een zoekprofiel maken, kansen creëren en aanbieden.',
    isOther: false,
  },
  leraar: {
    id: 'leraar',
    label: 'Leraar',
    alsoCalled: [],
    focus: 'Zelfinzicht vergroten, uitleggen, activeren, de cliënt zelf laten ontdekken.',
    isOther: false,
  },
  ouderfiguur: {
    id: 'ouderfiguur',
    label: 'Ouder-figuur',
    alsoCalled: [],
    focus: 'Bij de hand nemen, stabiliseren en activeren.',
    isOther: false,
  },
  ondernemer: {
    id: 'ondernemer',
    label: 'Ondernemer',
    alsoCalled: ['co-creator'],
    focus: 'Gelijkwaardig samen creëren, dromen en talenten concreet maken.',
    isOther: false,
  },
  anders: {
    id: 'anders',
    label: 'Anders, namelijk …',
    alsoCalled: [],
    focus: 'Beschrijf hoe je je rol in dit gesprek zag.',
    isOther: true,
  },
};

export const interventionLogicCatalogue: Readonly<Record<InterventionLogicId, InterventionLogic>> = {
  kansen: {
    id: 'kansen',
    label: 'Kansen',
    trajectLabel: 'Kansen bieden',
    problem: '(Gelijke) kansenprobleem',
    trajectExamples: ['loonkostensubsidie', 'individuele jobhunting', 'positieve actie'],
    conversation: {
      label: 'Kansengesprek',
      about:
        'Samen een zoekprofiel maken (wat zoeken we precies?) en een verkoopverhaal dat een ander, zoals een werkgever of schuldeiser, kan gebruiken om een uitzondering te maken.',
    },
    domainExamples: {
      werk: 'Jobhunting',
      schulden: 'Krediet regelen',
      gezondheid: 'Gezonde omgeving creëren',
      wonen: 'Huis regelen',
    },
  },
  competenties: {
    id: 'competenties',
    label: 'Competenties',
    trajectLabel: 'Leren',
    problem: 'Competentieprobleem',
    trajectExamples: ['training', 'werkervaring', 'zelfinzicht vergroten'],
    conversation: {
      label: 'Competentiegesprek',
      about:
        'Een concrete situatie voor je zien, een leerdoel kiezen, handelingsopties bedenken, voorbereiden en oefenen, uitproberen, nabespreken en het geleerde breder toepassen.',
    },
    domainExamples: {
      werk: 'Jobcoaching',
      schulden: 'Budgetcoaching',
      gezondheid: 'Leefstijlcoaching',
      wonen: 'Ambulante woonbegeleiding',
    },
  },
  zelfsturing: {
    id: 'zelfsturing',
    label: '(Zelf)sturing',
    trajectLabel: 'Bij de hand nemen',
    problem: 'Zelfsturingsprobleem',
    trajectExamples: ['directief', 'kleine stapjes', 'kort-cyclisch', 'intensief', 'warm', 'empowerment'],
    conversation: {
      label: 'Stabiliserings- en activeringsgesprek',
      about:
        'Overzicht maken van alles wat speelt, kiezen wat eerst komt, rust brengen, en samen een verhaal maken waarmee anderen meewerken aan een oplossing.',
    },
    domainExamples: {
      werk: 'Begeleid werken',
      schulden: 'Bewindvoering',
      gezondheid: 'Medicijnen',
      wonen: 'Begeleid wonen',
    },
  },
  ondernemen: {
    id: 'ondernemen',
    label: 'Ondernemen',
    trajectLabel: 'Ondernemen met dromen en talenten',
    problem: '“Ik-pas-niet-in-jullie-wereld”-probleem',
    trajectExamples: ['sociale coöperaties', 'microkredieten', 'ondernemerstrajecten'],
    conversation: {
      label: 'Ondernemingsgesprek',
      about:
        'Dromen en talenten, een ondernemingsplan voor het eigen leven, sterke en zwakke punten, kansen en bedreigingen; een kan-wel-houding en een plan B voor de tussentijd.',
    },
    domainExamples: {
      werk: 'Zzp-begeleiding (ondernemend uit de bijstand)',
      schulden: 'Inkomsten vergroten',
      gezondheid: 'Alternatieve geneeswijzen',
      wonen: 'Alternatieve woonvormen',
    },
  },
};

export const selfImages: readonly SelfImage[] = selfImageIds.map((id) => selfImageCatalogue[id]);
export const roles: readonly Role[] = roleIds.map((id) => roleCatalogue[id]);
export const interventionLogics: readonly InterventionLogic[] = interventionLogicIds.map(
  (id) => interventionLogicCatalogue[id],
);

// ---------------------------------------------------------------------------------------------
// Fit
// ---------------------------------------------------------------------------------------------

export interface SlimMatch {
  readonly selfImage: KnownSelfImageId;
  readonly role: KnownRoleId;
  readonly logic: InterventionLogicId;
}

/**
 * Which role and intervention logic fit which self-image. When they fit, the assumed
 * action–reaction logic works and the conversation flows; when they clash, there is "gedoe":
 * resistance, dropping out, freezing, stagnation. Any other combination is a mismatch.
 */
export const slimMatches: readonly SlimMatch[] = [
  { selfImage: 'wilEnKan', role: 'facilitator', logic: 'kansen' },
  { selfImage: 'wilMaarKanNiet', role: 'leraar', logic: 'competenties' },
  { selfImage: 'opgegeven', role: 'ouderfiguur', logic: 'zelfsturing' },
  { selfImage: 'anderePlannen', role: 'ondernemer', logic: 'ondernemen' },
];

export type SlimFit = 'match' | 'mismatch' | 'unknown';

export const slimFitLabels: Readonly<Record<SlimFit, string>> = {
  match: 'Sluit aan',
  mismatch: 'Sluit niet aan',
  unknown: 'Niet te zeggen',
};

function matchForSelfImage(selfImage: SelfImageId): SlimMatch | undefined {
  return slimMatches.find((m) => m.selfImage === selfImage);
}

function matchForRole(role: RoleId): SlimMatch | undefined {
  return slimMatches.find((m) => m.role === role);
}

/** Fit of a professional's role with the client's self-image; "anders" on either side is unknown. */
export function slimFit(selfImage: SelfImageId, role: RoleId): SlimFit {
  const m = matchForSelfImage(selfImage);
  if (!m || role === 'anders') return 'unknown';
  return m.role === role ? 'match' : 'mismatch';
}

/** True only when the role is the one that fits the self-image. */
export function fits(selfImage: SelfImageId, role: RoleId): boolean {
  return slimFit(selfImage, role) === 'match';
}

/** Fit of an intervention logic with the client's self-image. */
export function logicFit(selfImage: SelfImageId, logic: InterventionLogicId): SlimFit {
  const m = matchForSelfImage(selfImage);
  if (!m) return 'unknown';
  return m.logic === logic ? 'match' : 'mismatch';
}

export function fittingRole(selfImage: SelfImageId): KnownRoleId | undefined {
  return matchForSelfImage(selfImage)?.role;
}

export function fittingSelfImage(role: RoleId): KnownSelfImageId | undefined {
  return matchForRole(role)?.selfImage;
}

export function fittingLogic(selfImage: SelfImageId): InterventionLogicId | undefined {
  return matchForSelfImage(selfImage)?.logic;
}

export function logicOfRole(role: RoleId): InterventionLogicId | undefined {
  return matchForRole(role)?.logic;
}

export function isSelfImageId(value: unknown): value is SelfImageId {
  return typeof value === 'string' && (selfImageIds as readonly string[]).includes(value);
}

export function isRoleId(value: unknown): value is RoleId {
  return typeof value === 'string' && (roleIds as readonly string[]).includes(value);
}

export function isInterventionLogicId(value: unknown): value is InterventionLogicId {
  return typeof value === 'string' && (interventionLogicIds as readonly string[]).includes(value);
}

/** Guiding questions for the SLIM part of an analysis or reflection. */
export const slimQuestions: readonly string[] = [
  'Wat zegt de cliënt, vaak zonder het hardop te zeggen, over zijn eigen willen en kunnen?',
  'Welke rol neem jij in essentie aan in dit gesprek?',
  'Welke logica heeft het traject: kansen bieden, leren, bij de hand nemen of ondernemen?',
  'Sluiten die op elkaar aan? Zo niet: welke andere benadering zou je kunnen proberen?',
];
