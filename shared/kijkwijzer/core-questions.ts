/**
 * The five core questions of the kijk-en-doe-wijzer (deel 1 "Vijf kernvragen"). They are about
 * the relationship that arises in a conversation, not about its content. Each links to the
 * Kijkwijzer themes that help to look at it.
 *
 * Isomorphic: no DOM, no Node APIs.
 */
import type { ThemeId } from './themes.ts';

export const coreQuestionIds = ['interactie', 'kader', 'echtheid', 'doel', 'hoe'] as const;
export type CoreQuestionId = (typeof coreQuestionIds)[number];

/**
 * The summary of the kijk-en-doe-wijzer groups the five into four: a problem in the interaction,
 * the conditions of the conversation (kader and echtheid), agreement on the WHAT, and on the HOW.
 */
export const coreQuestionGroups = ['interactie', 'voorwaarden', 'wat', 'hoe'] as const;
export type CoreQuestionGroup = (typeof coreQuestionGroups)[number];

export const coreQuestionGroupLabels: Readonly<Record<CoreQuestionGroup, string>> = {
  interactie: 'Probleem in de interactie',
  voorwaarden: 'Gespreksvoorwaarden',
  wat: 'Het wat',
  hoe: 'Het hoe',
};

export interface CoreQuestion {
  readonly id: CoreQuestionId;
  readonly number: 1 | 2 | 3 | 4 | 5;
  readonly group: CoreQuestionGroup;
  /** Short name, e.g. "Kader". */
  readonly label: string;
  /** The core question itself. */
  readonly question: string;
  /** Why it matters, in our own words. */
  readonly why: string;
  /** Questions to ask yourself (or each other) when looking back. */
  readonly subQuestions: readonly string[];
  /** Linked Kijkwijzer themes; the first is the primary one. */
  readonly themeIds: readonly [ThemeId, ...ThemeId[]];
  /** The HOW question is worked out with the SLIM vocabularies (slim.ts). */
  readonly usesSlim: boolean;
}

export const coreQuestions: readonly CoreQuestion[] = [
  {
    id: 'interactie',
    number: 1,
    group: 'interactie',
    label: 'Gedoe',
    question: 'Is er gedoe in het gesprek: weerstand, afhaken, verstarring of stagnatie?',
    why: 'Gedoe komt ergens vandaan en beide partijen hebben er een aandeel in. Daarom is het een goed beginpunt: wat is het patroon, en welke van de andere vier vragen helpt het te verklaren?',
    subQuestions: [
      'Op welke momenten is er weerstand, afhaken of verstarring, en waar komt dat vandaan?',
      'Brengt het gesprek ons verder, dichter bij het doel?',
      'Worden er concrete acties afgesproken, en vertrouwen we elkaar dat ze worden uitgevoerd?',
    ],
    themeIds: ['gedoe', 'weerstand', 'resultaten'],
    usesSlim: false,
  },
  {
    id: 'kader',
    number: 2,
    group: 'voorwaarden',
    label: 'Kader',
    question: 'Is er overeenstemming over dát we dit gesprek hebben en waarom we het hebben?',
    why: 'Een gedeeld kader geeft richting en maakt duidelijk wat er op het spel staat en wie welke rol heeft. Met verschillende verwachtingen een gesprek ingaan leidt bijna altijd tot gedoe.',
    subQuestions: [
      'Zeggen beide partijen “ja” tegen de situatie? Is er van beide kanten commitment?',
      'Wat is dit voor gesprek, waarom wil ik met jou praten en waarom jij met mij?',
      'Wat willen we ieder bereiken, en wie zijn we voor elkaar?',
      'Waar moeten we het over hebben: wat is de agenda?',
    ],
    themeIds: ['kader', 'agenda', 'metacommunicatie'],
    usesSlim: false,
  },
  {
    id: 'echtheid',
    number: 3,
    group: 'voorwaarden',
    label: 'Echtheid',
    question: 'Is het een echt gesprek of een sociaal wenselijk gesprek?',
    why: 'Een sociaal wenselijk gesprek houdt de relatie goed en verandert niets. In een echt gesprek laten beiden zichzelf zien en komt er beweging; daarom is echtheid een succesfactor.',
    subQuestions: [
      'Spreken beide partijen uit wat er in hen omgaat?',
      'Past de lichaamstaal bij wat er gezegd wordt?',
      'Is het een levendig, natuurlijk gesprek waarin de beurten regelmatig wisselen, of voelt het gekunsteld?',
    ],
    themeIds: ['echtheid', 'beleving', 'emotie', 'spreektijd'],
    usesSlim: false,
  },
  {
    id: 'doel',
    number: 4,
    group: 'wat',
    label: 'Gezamenlijk doel',
    question: 'Is er overeenstemming over een gezamenlijk doel?',
    why: 'Als mensen geloven dat iets gaat werken, werkt het vaak ook. Een gesprek over een stip op de horizon geeft meer energie en eigen initiatief dan een gesprek over regels en gevolgen.',
    subQuestions: [
      'Wat is mijn doel, wat is jouw doel, en is er een match?',
      'Probeert de een de ander te overtuigen, of wordt er samengewerkt?',
      'Zijn we het eens over wat we willen bereiken en wat als eerste moet gebeuren?',
      'Vertrouwen we erop dat de acties echt worden uitgevoerd?',
    ],
    themeIds: ['doel', 'resultaten', 'feedback'],
    usesSlim: false,
  },
  {
    id: 'hoe',
    number: 5,
    group: 'hoe',
    label: 'Het hoe',
    question: 'Sluit de manier waarop ik help aan bij hoe de ander de situatie ervaart?',
    why: 'Om iemand verder te helpen is het hoe meestal belangrijker dan het wat. Elk probleem kan op vier manieren worden aangepakt: een kans creëren, leren, bij de hand nemen of samen iets nieuws bedenken. Welke werkt, hangt af van hoe de ander zichzelf ziet.',
    subQuestions: [
      'Hoe zie ik mijn rol: kansen creëren, competenties ontwikkelen, bij de hand nemen of co-creëren?',
      'Wat zegt de ander eigenlijk over zichzelf?',
      'Gaat het om een kansenprobleem, een competentieprobleem, een zelfsturingsprobleem of een “ik-pas-niet-in-jullie-wereld”-probleem?',
      'Is er een match of een mismatch?',
    ],
    themeIds: ['interventielogica'],
    usesSlim: true,
  },
];

/**
 * Once internalised, the core questions can structure a conversation itself; these three matter
 * most during the conversation (kijk-en-doe-wijzer, deel 4).
 */
export const inConversationQuestions: readonly { readonly coreQuestionId: CoreQuestionId; readonly text: string }[] = [
  { coreQuestionId: 'echtheid', text: 'Hebben we een echt gesprek of een sociaal wenselijk gesprek?' },
  { coreQuestionId: 'doel', text: 'Hebben we een gezamenlijk doel?' },
  { coreQuestionId: 'hoe', text: 'Hoe ervaart de ander zijn of haar situatie?' },
];

export function coreQuestionById(id: CoreQuestionId): CoreQuestion {
  const q = coreQuestions.find((c) => c.id === id);
  if (!q) throw new Error(`Unknown core question: ${id}`);
  return q;
}

export function isCoreQuestionId(value: unknown): value is CoreQuestionId {
  return typeof value === 'string' && (coreQuestionIds as readonly string[]).includes(value);
}

/** The core questions that link to a theme, in order. */
export function coreQuestionsForTheme(themeId: ThemeId): readonly CoreQuestion[] {
  return coreQuestions.filter((q) => q.themeIds.includes(themeId));
}
