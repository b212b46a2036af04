/**
 * Video analysis vocabulary: what kind of note an observation is, how it is weighed, the main
 * questions for analysing a conversation ("Hoofdvragen voor analyse", werkwijze deel 2) and the
 * questions for the client interview ("Interviews met cliënten", werkwijze deel 2).
 *
 * Isomorphic: no DOM, no Node APIs.
 */
import type { ThemeId } from './themes.ts';
import { evaluationQuestions, takeawayQuestions } from './reflection.ts';

// ---------------------------------------------------------------------------------------------
// Observation kinds
// ---------------------------------------------------------------------------------------------

export const observationKinds = [
  'observation',
  'questionForClient',
  'questionForProfessional',
  'tip',
  'touchpoint',
] as const;
export type ObservationKind = (typeof observationKinds)[number];

/**
 * The kinds an analyst chooses from (WORDING-3). `touchpoint` ("raakmoment") is retired: it said
 * the same as the theme "Raakmomenten (emotie)". Its id stays readable, so nothing stored is ever
 * refused, but every reader sees such an observation as an observation with the theme emotie
 * (`normaliseObservationKind`), and the start-up migration rewrites the stored ones.
 */
export const selectableObservationKinds: readonly ObservationKind[] = observationKinds.filter((k) => k !== 'touchpoint');

/** A retired kind as what it now is: an observation with the emotion theme. */
export function normaliseObservationKind<T extends { kind: ObservationKind; themes: readonly ThemeId[] }>(o: T): T {
  if (o.kind !== 'touchpoint') return o;
  return { ...o, kind: 'observation', themes: o.themes.includes('emotie') ? o.themes : [...o.themes, 'emotie'] };
}

export interface ObservationKindSpec {
  readonly id: ObservationKind;
  /** Lower-case label for running text and chips ("vraag voor cliënt"). */
  readonly label: string;
  /** Capitalised form for headings and column titles. */
  readonly heading: string;
  /** One line for the analyst: when to choose this kind. */
  readonly description: string;
  /** Themes suggested when this kind is chosen (the analyst can change them). */
  readonly suggestedThemeIds: readonly ThemeId[];
}

export const observationKindCatalogue: Readonly<Record<ObservationKind, ObservationKindSpec>> = {
  observation: {
    id: 'observation',
    label: 'observatie',
    heading: 'Observatie',
    description: 'Wat je feitelijk ziet of hoort op dit moment: woorden, houding, toon, tempo. Beschrijf eerst, duid daarna.',
    suggestedThemeIds: [],
  },
  questionForClient: {
    id: 'questionForClient',
    label: 'vraag voor cliënt',
    heading: 'Vraag voor cliënt',
    description: 'Iets wat alleen de cliënt kan vertellen, bijvoorbeeld hoe een moment voelde. Kandidaat voor het cliëntinterview.',
    suggestedThemeIds: [],
  },
  questionForProfessional: {
    id: 'questionForProfessional',
    label: 'vraag voor klantmanager',
    heading: 'Vraag voor klantmanager',
    description: 'Een open vraag over bedoeling of keuze van de klantmanager. Kandidaat voor de agenda van het reflectiegesprek.',
    suggestedThemeIds: [],
  },
  tip: {
    id: 'tip',
    label: 'tip',
    heading: 'Tip',
    description: 'Een handelingsmogelijkheid om uit te proberen. Formuleer als suggestie, niet als oordeel.',
    suggestedThemeIds: [],
  },
  touchpoint: {
    id: 'touchpoint',
    label: 'raakmoment',
    heading: 'Raakmoment',
    description: 'Niet meer te kiezen: kies "observatie" met het thema Raakmomenten (emotie).',
    suggestedThemeIds: ['emotie'],
  },
};

export const observationKindLabels: Readonly<Record<ObservationKind, string>> = {
  observation: observationKindCatalogue.observation.label,
  questionForClient: observationKindCatalogue.questionForClient.label,
  questionForProfessional: observationKindCatalogue.questionForProfessional.label,
  tip: observationKindCatalogue.tip.label,
  touchpoint: observationKindCatalogue.touchpoint.label,
};

export function isObservationKind(value: unknown): value is ObservationKind {
  return typeof value === 'string' && (observationKinds as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Valence
// ---------------------------------------------------------------------------------------------

/** In display order: the method names positive moments, actions and intentions first. */
export const valences = ['positive', 'neutral', 'concern'] as const;
export type Valence = (typeof valences)[number];

/**
 * The seeds' own words (WORDING-1): "eerst de positieve momenten, acties en intenties benoemen
 * en bevragen, en daarna stilstaan bij mogelijk onbedoelde gevolgen van het eigen handelen"
 * (`000_*`); "het gaat er niet om een oordeel te vellen", "geen beoordelingen" (`002_*`), so no
 * label says "zorg" or "negatief". Ids are stable (stored); only the words changed.
 */
export const valenceLabels: Readonly<Record<Valence, string>> = {
  positive: 'wat goed gaat',
  neutral: 'opvallend',
  concern: 'mogelijk onbedoeld gevolg',
};

export const valenceDescriptions: Readonly<Record<Valence, string>> = {
  positive: 'Een positief moment, een actie of intentie om te benoemen en te bevragen.',
  neutral: 'Iets wat opvalt, zonder oordeel: om samen naar te kijken.',
  concern: 'Wat het eigen handelen misschien onbedoeld teweegbrengt: om samen te onderzoeken, niet om te beoordelen.',
};

export function isValence(value: unknown): value is Valence {
  return typeof value === 'string' && (valences as readonly string[]).includes(value);
}

/** Sort comparator: positive before neutral before concern (stable for equal valences). */
export function compareValence(a: Valence, b: Valence): number {
  return valences.indexOf(a) - valences.indexOf(b);
}

// ---------------------------------------------------------------------------------------------
// Hoofdvragen voor analyse
// ---------------------------------------------------------------------------------------------

/**
 * The order in which analysts and reflection leaders look at a fragment: first what goes well,
 * then possible unintended effects, then alternatives together.
 */
export const analysisApproach: readonly { readonly step: number; readonly label: string; readonly text: string }[] = [
  {
    step: 1,
    label: 'Eerst wat goed gaat',
    text: 'Benoem en bevraag eerst de positieve momenten, acties en bedoelingen.',
  },
  {
    step: 2,
    label: 'Dan onbedoelde gevolgen',
    text: 'Sta daarna stil bij wat het eigen handelen misschien onbedoeld teweegbrengt.',
  },
  {
    step: 3,
    label: 'Samen alternatieven zoeken',
    text: 'Bedenk vervolgens samen welke andere handelingsmogelijkheden er zijn.',
  },
];

export const analysisQuestionGroupIds = ['open', 'toegespitst', 'aandachtspunten', 'evaluatie'] as const;
export type AnalysisQuestionGroupId = (typeof analysisQuestionGroupIds)[number];

export interface AnalysisQuestion {
  readonly id: string;
  readonly text: string;
  readonly themeIds: readonly ThemeId[];
  readonly subQuestions?: readonly string[];
}

export interface AnalysisQuestionGroup {
  readonly id: AnalysisQuestionGroupId;
  readonly label: string;
  readonly description: string;
  readonly questions: readonly AnalysisQuestion[];
}

/**
 * "Hoofdvragen voor analyse van gesprekken": leading for the analysis and, applied to chosen
 * fragments, for the reflection with the klantmanager. The last two groups are shared with the
 * reflection (see reflection.ts).
 */
export const analysisMainQuestions: readonly AnalysisQuestionGroup[] = [
  {
    id: 'open',
    label: 'Open vragen',
    description: 'Brede vragen om het gesprek als geheel te verkennen.',
    questions: [
      {
        id: 'stroomt',
        text: 'Waar stroomt het gesprek, en waar hapert het?',
        themeIds: ['gedoe', 'spreektijd'],
      },
      {
        id: 'weerstand',
        text: 'Waar ontstaat weerstand, afhaken, verstarren of stagnatie (fight, flight, freeze)?',
        themeIds: ['weerstand', 'gedoe'],
      },
      {
        id: 'raakmomenten',
        text: 'Zijn er raakmomenten, momenten waarop emotie zichtbaar wordt?',
        themeIds: ['emotie'],
      },
      {
        id: 'resultaten',
        text: 'Levert het gesprek iets op: wordt de werkrelatie beter en worden er stappen richting het doel gezet?',
        themeIds: ['resultaten'],
      },
    ],
  },
  {
    id: 'toegespitst',
    label: 'Toegespitste vragen',
    description:
      'De drie hoofdvragen, in deze volgorde: een echt gesprek is een voorwaarde voor een gezamenlijk doel, en samen zijn die een voorwaarde om zinvol over de interventielogica na te denken.',
    questions: [
      {
        id: 'echtheid',
        text: 'Hoe echt is het gesprek? Is het van beide kanten open en eerlijk, of vooral sociaal wenselijk?',
        themeIds: ['echtheid'],
        subQuestions: [
          'Wat zou kunnen helpen om meer echtheid te krijgen?',
          'Welke momenten in de opname laten dat zien?',
        ],
      },
      {
        id: 'doel',
        text: 'Is er een gezamenlijk doel, uitgesproken, waar de cliënt zich ook eigenaar van voelt?',
        themeIds: ['doel'],
        subQuestions: [
          'Wat zou kunnen helpen om tot zo’n gezamenlijk doel te komen?',
          'Welke momenten in de opname laten dat zien?',
        ],
      },
      {
        id: 'interventielogica',
        text: 'Wat zegt de cliënt in essentie over zijn eigen actorschap, en welk actorschap veronderstelt de benadering van de klantmanager? Sluiten die op elkaar aan?',
        themeIds: ['interventielogica'],
        subQuestions: [
          'Hoe zelfredzaam voelt de cliënt zich, en als hoe zelfredzaam wordt hij behandeld?',
          'Wat is voor de cliënt een goed leven, en hoe verhoudt dat zich tot wat de klantmanager voor ogen heeft?',
          'Wat wordt er gedaan om een eventuele kloof te overbruggen?',
        ],
      },
    ],
  },
  {
    id: 'aandachtspunten',
    label: 'Aandachtspunten, voornemens, actie- en leerdoelen',
    description: 'Aan het eind van het reflectiegesprek: wat neemt de klantmanager mee?',
    questions: takeawayQuestions.map((text, i) => ({ id: `aandachtspunt-${i + 1}`, text, themeIds: [] })),
  },
  {
    id: 'evaluatie',
    label: 'Evaluatie',
    description: 'Hoe was het reflectiegesprek zelf, gemeten met dezelfde maat?',
    questions: evaluationQuestions.map((q) => ({ id: `evaluatie-${q.id}`, text: q.text, themeIds: q.themeIds })),
  },
];

// ---------------------------------------------------------------------------------------------
// Client interview
// ---------------------------------------------------------------------------------------------

export const interviewPhaseIds = [
  'kennismaking',
  'algemeen',
  'verwachtingen',
  'fragmenten',
  'samenwerking',
  'doel',
  'afronding',
] as const;
export type InterviewPhaseId = (typeof interviewPhaseIds)[number];

export interface InterviewPhase {
  readonly id: InterviewPhaseId;
  readonly label: string;
  readonly purpose: string;
  readonly questions: readonly string[];
}

/**
 * Questions for the client interview, in the order of the interview. One researcher, neutral,
 * outside the dependency relation with the klantmanager; fragments may be shown or described.
 */
export const clientInterviewPhases: readonly InterviewPhase[] = [
  {
    id: 'kennismaking',
    label: 'Kennismaking en uitleg',
    purpose: 'Een veilige, persoonlijke start. Het interview is om van te leren, niet om iemand te beoordelen.',
    questions: [
      'Hoe is het voor je om hieraan mee te doen?',
      'Vind je het lastig om jezelf terug te zien of te horen? Wat maakt dat je toch meedoet?',
    ],
  },
  {
    id: 'algemeen',
    label: 'Het contact in het algemeen',
    purpose: 'Een beeld krijgen van de relatie met deze klantmanager.',
    questions: [
      'Hoe lang is deze klantmanager al jouw klantmanager?',
      'Hoe verloopt het contact tussen jullie meestal?',
    ],
  },
  {
    id: 'verwachtingen',
    label: 'Verwachtingen van het opgenomen gesprek',
    purpose: 'Wat de cliënt vooraf dacht en voelde, en of dat uitkwam.',
    questions: [
      'Wist je van tevoren waar het gesprek over zou gaan?',
      'Met welk gevoel of welke verwachting ging je het gesprek in?',
      'Is dat uitgekomen?',
    ],
  },
  {
    id: 'fragmenten',
    label: 'Terugkijken van fragmenten',
    purpose:
      'Per fragment eerst de cliënt laten vertellen wat er volgens hem gebeurde. Een beschrijving van het fragment is vaak al genoeg.',
    questions: [
      'Wat gebeurde hier volgens jou?',
      'Hoe voelde je je op dat moment? Zie je dat nu anders dan toen?',
      'Je zegt hier “ja”, maar je gezicht lijkt iets anders te zeggen. Zie ik dat goed?',
      'Als ik daar had gezeten, had ik me hier misschien geërgerd. Hoe was dat voor jou?',
    ],
  },
  {
    id: 'samenwerking',
    label: 'Echtheid en samenwerking',
    purpose: 'Voorbij de sociaal wenselijke antwoorden komen: cliënten zijn zich bewust van hun afhankelijkheid.',
    questions: [
      'Voel je je gehoord door je klantmanager?',
      'Ervaar je het contact als open en oprecht?',
      'Kun je alles zeggen wat je zou willen? Wat houdt je soms tegen?',
      'Merk je dat jullie samenwerking beter wordt?',
    ],
  },
  {
    id: 'doel',
    label: 'Doel en vertrouwen',
    purpose: 'Zicht krijgen op eigenaarschap: is het doel ook het doel van de cliënt?',
    questions: [
      'Is het doel van je traject duidelijk? Is het ook jouw doel?',
      'Heb je het gevoel dat jullie op de goede weg zijn?',
      'Heb je er vertrouwen in dat het gaat lukken?',
    ],
  },
  {
    id: 'afronding',
    label: 'Tips en terugkoppeling',
    purpose: 'Afspreken wat er met de antwoorden gebeurt.',
    questions: [
      'Welke tip zou je je klantmanager willen meegeven?',
      'Wat mag ik hiervan aan je klantmanager doorgeven, en op welke manier? Liever anoniem?',
    ],
  },
];

/** Working agreements for the interviewer (werkwijze deel 2, stappenplan and interviews). */
export const clientInterviewPrinciples: readonly string[] = [
  'Zonder toestemming van de cliënt geen interview. Ook met toestemming kan afzien beter zijn, bijvoorbeeld als er een tolk nodig is of een tweede interview weinig toevoegt.',
  'Meedoen is vrijwillig: de cliënt kan op elk moment stoppen met het interview of met het terugkijken.',
  'Ongemak over jezelf terugzien is een goede opening voor een persoonlijk gesprek; klantmanagers en onderzoekers kennen het ook.',
  'Laat bij elk fragment eerst de cliënt vertellen wat er volgens hem gebeurde, pas daarna je eigen waarneming.',
  'Prikkel voorzichtig als antwoorden sociaal wenselijk blijven, bijvoorbeeld door een eigen indruk of een tegenstrijdigheid tussen woorden en gezicht voor te leggen.',
  'Geef kritiek alleen door zoals de cliënt dat wil, en bespreek samen hoe het constructief aan de orde kan komen.',
];
