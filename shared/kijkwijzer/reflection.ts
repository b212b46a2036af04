/**
 * The reflection: the three pillars of the agenda, the agenda sections in order, the report
 * template, the takeaways and the evaluation of the reflection itself (werkwijze deel 2,
 * stappenplan steps 7–10 and the worked example), plus the self-analysis worksheet
 * ("Werkblad", Kijkwijzer deel 3).
 *
 * This module imports only types, so analysis.ts can build on its constants without a cycle.
 * Isomorphic: no DOM, no Node APIs.
 */
import type { ThemeId } from './themes.ts';

// ---------------------------------------------------------------------------------------------
// Pillars
// ---------------------------------------------------------------------------------------------

export const pillarIds = ['doubts', 'analysis', 'client'] as const;
export type PillarId = (typeof pillarIds)[number];

export interface Pillar {
  readonly id: PillarId;
  readonly label: string;
  readonly shortLabel: string;
  /** Who brings this pillar in. */
  readonly from: 'klantmanager' | 'onderzoekers' | 'cliënt';
  readonly description: string;
  /** A prompt to collect items for this pillar. */
  readonly prompt: string;
}

/** The agenda of the reflection is made together from these three pillars. */
export const pillars: readonly Pillar[] = [
  {
    id: 'doubts',
    label: 'Twijfels en leerdoelen van de klantmanager',
    shortLabel: 'Twijfels en leerdoelen',
    from: 'klantmanager',
    description: 'Wat de klantmanager zelf wil onderzoeken: twijfels over dit gesprek en eigen leerdoelen.',
    prompt: 'Waar twijfel je over als je aan dit gesprek terugdenkt? Waar wil je specifiek naar kijken?',
  },
  {
    id: 'analysis',
    label: 'Observaties en vragen uit de video-analyse',
    shortLabel: 'Video-analyse',
    from: 'onderzoekers',
    description: 'Wat de onderzoekers zagen en zich afvroegen, met de fragmenten erbij. Positieve momenten eerst.',
    prompt: 'Welke momenten willen we samen terugkijken, en welke vraag hoort daarbij?',
  },
  {
    id: 'client',
    // The third pillar: what the client said in the interview (`000_*`: "feedback uit het
    // interview met de cliënt"), never the theme "Feedback vragen in het gesprek" (WORDING-2).
    label: 'Feedback uit het cliëntinterview',
    shortLabel: 'Cliëntinterview',
    from: 'cliënt',
    description: 'Hoe de cliënt het gesprek en de samenwerking beleefde, zoals die dat wil laten doorgeven.',
    prompt: 'Wat vertelde de cliënt in het interview, en hoe brengen we dat constructief in?',
  },
];

export function pillarById(id: PillarId): Pillar {
  const p = pillars.find((x) => x.id === id);
  if (!p) throw new Error(`Unknown pillar: ${id}`);
  return p;
}

export function isPillarId(value: unknown): value is PillarId {
  return typeof value === 'string' && (pillarIds as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Agenda sections
// ---------------------------------------------------------------------------------------------

export const agendaSectionIds = ['open', 'echtheid', 'doel', 'interventielogica', 'fragmenten'] as const;
export type AgendaSectionId = (typeof agendaSectionIds)[number];

export interface AgendaSection {
  readonly id: AgendaSectionId;
  readonly label: string;
  readonly description: string;
  readonly guidingQuestions: readonly string[];
  /** The Kijkwijzer theme this section focuses on, if any. */
  readonly themeId?: ThemeId;
}

/**
 * The reflection moves from open questions, via the three focused ones (echtheid, then a shared
 * goal, then the intervention logic: each is a condition for the next), to specific fragments.
 */
export const agendaSections: readonly AgendaSection[] = [
  {
    id: 'open',
    label: 'Open vragen',
    description: 'Beginnen bij de klantmanager: eigen indruk, twijfels en vragen.',
    guidingQuestions: [
      'Hoe vond je dat het gesprek ging?',
      'Zijn er dingen waar je aan twijfelt, of die je specifiek wilt bekijken?',
      'Waar stroomde het gesprek, en waar haperde het?',
    ],
  },
  {
    id: 'echtheid',
    label: 'Echtheid',
    description: 'Echt gesprek of sociaal wenselijk gesprek?',
    guidingQuestions: [
      'Hoe echt vond je dit gesprek, tegenover sociaal wenselijk?',
      'Op welke momenten ontstond er meer openheid, en waardoor?',
      'Wat had je eigenlijk willen zeggen, en wat hield je tegen?',
    ],
    themeId: 'echtheid',
  },
  {
    id: 'doel',
    label: 'Gezamenlijk doel',
    description: 'Hebben klantmanager en cliënt een uitgesproken doel waar ze allebei achter staan?',
    guidingQuestions: [
      'Wat was voor jou het doel van dit gesprek, en wat denk je dat het doel van de cliënt was?',
      'In hoeverre hadden jullie een gezamenlijk doel? Waaraan merk je dat?',
      'Waar gaat een besluit van afhangen, en weet de cliënt dat?',
      'Heb je er vertrouwen in dat de afspraken worden uitgevoerd?',
    ],
    themeId: 'doel',
  },
  {
    id: 'interventielogica',
    label: 'Interventielogica',
    description: 'Past de benadering bij hoe de cliënt zichzelf ziet (SLIM)?',
    guidingQuestions: [
      'Wie was er het hardst aan het werk in dit gesprek?',
      'Wat zegt de cliënt in essentie over zichzelf, en hoe benader jij hem?',
      'Sluit dat op elkaar aan? Wat houdt je tegen, en wat zou je anders kunnen doen?',
      'Hoe zou je er een gedeeld probleem van kunnen maken, zodat de cliënt aan het werk gaat?',
    ],
    themeId: 'interventielogica',
  },
  {
    id: 'fragmenten',
    label: 'Specifieke fragmenten',
    description: 'Samen terugkijken, bijvoorbeeld “fragment 6:00–6:30”.',
    guidingQuestions: [
      'Wat gebeurde hier volgens jou?',
      'Wat doe jij op dit moment, en wat roept dat op bij de cliënt?',
      'Wat dacht je toen, en wat zie je nu?',
      'Wat zou je een volgende keer anders kunnen doen?',
    ],
  },
];

export function agendaSectionById(id: AgendaSectionId): AgendaSection {
  const s = agendaSections.find((x) => x.id === id);
  if (!s) throw new Error(`Unknown agenda section: ${id}`);
  return s;
}

export function isAgendaSectionId(value: unknown): value is AgendaSectionId {
  return typeof value === 'string' && (agendaSectionIds as readonly string[]).includes(value);
}

/** How the researchers lead the reflection (appreciative inquiry). */
export const reflectionPrinciples: readonly string[] = [
  'Zorg voor een veilige, positieve sfeer: benoem wat er goed gaat.',
  'Er is niet één goede manier om een gesprek te voeren; we zoeken samen wat bij deze cliënt werkt.',
  'Vraag eerst naar bedoelingen en wat goed ging, daarna naar mogelijk onbedoelde gevolgen.',
  'Leg de ervaring van de cliënt en de eigen interpretaties van de onderzoekers voor, als vraag en niet als oordeel.',
  'Soms zit de opening in wat er níet gebeurde: wat bleef onbesproken, en waarom?',
];

/** For the reflection on a follow-up recording: were the intentions put into practice? */
export const followUpQuestions: readonly string[] = [
  'Hoe vond je dat het gesprek ging?',
  'Wat was je doel, en heb je dat bereikt?',
  'Welke aandachtspunten en tips heb je toegepast, en wat was het effect?',
  'Vertrouw je erop dat het nu echt gaat gebeuren? Waarom wel of niet?',
];

// ---------------------------------------------------------------------------------------------
// Takeaways and evaluation
// ---------------------------------------------------------------------------------------------

export const takeawayPrompt = 'Wat neem je mee, en wat ga je uitproberen?';

export const takeawayQuestions: readonly string[] = [
  'Welke aandachtspunten neem je mee uit dit reflectiegesprek?',
  'Wat ga je in een volgend gesprek uitproberen?',
];

export const takeawayKinds = ['aandachtspunt', 'actiedoel', 'leerdoel'] as const;
export type TakeawayKind = (typeof takeawayKinds)[number];

export const takeawayKindLabels: Readonly<Record<TakeawayKind, string>> = {
  aandachtspunt: 'aandachtspunt',
  actiedoel: 'actiedoel (voornemen)',
  leerdoel: 'leerdoel',
};

export const takeawayKindDescriptions: Readonly<Record<TakeawayKind, string>> = {
  aandachtspunt: 'Iets om op te letten in volgende gesprekken.',
  actiedoel: 'Iets wat je concreet gaat doen of uitproberen.',
  leerdoel: 'Iets wat je wilt leren; vaak pas scherp na een reflectie.',
};

export interface EvaluationQuestion {
  readonly id: 'echtheid' | 'doel' | 'interventielogica' | 'tips';
  readonly text: string;
  readonly themeIds: readonly ThemeId[];
}

/** The reflection is evaluated with the same yardstick it applies to the conversation. */
export const evaluationQuestions: readonly EvaluationQuestion[] = [
  {
    id: 'echtheid',
    text: 'Hoe echt vond je dit reflectiegesprek? Kon je zeggen wat je dacht?',
    themeIds: ['echtheid'],
  },
  {
    id: 'doel',
    text: 'Hadden we een gezamenlijk doel? Heeft het gesprek je opgeleverd wat je zocht?',
    themeIds: ['doel'],
  },
  {
    id: 'interventielogica',
    text: 'Paste onze aanpak bij jou, of had je iets anders nodig?',
    themeIds: ['interventielogica'],
  },
  {
    id: 'tips',
    text: 'Welke tips heb je voor ons, de onderzoekers?',
    themeIds: [],
  },
];

// ---------------------------------------------------------------------------------------------
// Report template
// ---------------------------------------------------------------------------------------------

export const reportSectionIds = [
  'achtergrond',
  'gesprek',
  'interview',
  'reflectie',
  'aandachtspunten',
  'evaluatie',
  'verder',
] as const;
export type ReportSectionId = (typeof reportSectionIds)[number];

export interface ReportSection {
  readonly id: ReportSectionId;
  readonly title: string;
  readonly prompt: string;
  /** Set when the section can stay empty, with what to note instead. */
  readonly whenEmpty?: string;
}

/**
 * The structure of the reports in the worked example (I–VII), one section per step of the cycle.
 * The example's report covers two recordings (its V and VI repeat II and IV for the second
 * conversation); here every recording is its own cycle, so a follow-up gets its own report, and
 * "Hoe het is verder gegaan" closes each one.
 */
export const reportTemplate: readonly ReportSection[] = [
  {
    id: 'achtergrond',
    title: 'Achtergrond',
    prompt:
      'Wie zijn klantmanager en cliënt voor elkaar, hoe lang kennen ze elkaar, wat is de aanleiding van dit gesprek en met welke voornemens gaat de klantmanager erin?',
  },
  {
    id: 'gesprek',
    title: 'Gesprek met observaties',
    prompt:
      'Beschrijf het verloop van het gesprek met tijdcodes. Zet observaties en vragen van de onderzoekers er als aparte blokjes bij, te beginnen met wat goed gaat.',
  },
  {
    id: 'interview',
    title: 'Interview met de cliënt',
    prompt:
      'Hoe beleefde de cliënt het gesprek en de samenwerking? Wat zei hij bij de fragmenten? Neem alleen op wat de cliënt wil laten doorgeven.',
    whenEmpty: 'Noteer waarom er geen interview is gedaan, bijvoorbeeld geen toestemming of geen meerwaarde.',
  },
  {
    id: 'reflectie',
    title: 'Reflectiegesprek',
    prompt:
      'Noteer de hoofdvragen en fragmenten van de agenda, en wat er besproken is: wat herkende de klantmanager, wat verraste hem, welke tips kwamen op tafel?',
  },
  {
    id: 'aandachtspunten',
    title: 'Aandachtspunten',
    prompt: 'Wat neemt de klantmanager mee, en wat gaat hij in het volgende gesprek uitproberen?',
  },
  {
    id: 'evaluatie',
    title: 'Evaluatie',
    prompt:
      'Hoe was het reflectiegesprek zelf: echt, met een gezamenlijk doel, met een passende aanpak? Welke tips heeft de klantmanager voor de onderzoekers?',
  },
  {
    // The worked example ends with "VII. Hoe het is verder gegaan": written later, looking back.
    id: 'verder',
    title: 'Hoe het is verder gegaan',
    prompt:
      'Wat gebeurde er na het reflectiegesprek? Lukte het de voornemens in een volgend gesprek toe te passen, wat leverde dat op, en hoe kijkt de klantmanager er nu op terug?',
    whenEmpty: 'Vul dit later aan, bijvoorbeeld na het volgende gesprek met de cliënt of na een nieuwe opname.',
  },
];

const romanNumerals = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'] as const;

/** "III" for index 2: the seeds number their report sections. */
export function romanNumeral(index: number): string {
  return romanNumerals[index] ?? String(index + 1);
}

/** "I. Achtergrond", "II. Gesprek met observaties", … as in the seeds' reports. */
export function reportSectionHeading(id: ReportSectionId): string {
  const index = reportTemplate.findIndex((s) => s.id === id);
  const section = reportTemplate[index];
  if (!section) throw new Error(`Unknown report section: ${id}`);
  return `${romanNumeral(index)}. ${section.title}`;
}

export function isReportSectionId(value: unknown): value is ReportSectionId {
  return typeof value === 'string' && (reportSectionIds as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Werkblad (self-analysis worksheet)
// ---------------------------------------------------------------------------------------------

export const watchWithIds = ['alleen', 'collega', 'coach', 'onderzoeker', 'client', 'anders'] as const;
export type WatchWithId = (typeof watchWithIds)[number];

export const watchWithLabels: Readonly<Record<WatchWithId, string>> = {
  alleen: 'Alleen',
  collega: 'Collega',
  coach: 'Coach / trainer',
  onderzoeker: 'Onderzoeker',
  client: 'Cliënt',
  anders: 'Anders, namelijk …',
};

/**
 * The theme choices printed on the worksheet, mapped to catalogue themes. The worksheet uses a
 * few umbrella words: "Contact" is echtheid, "Doelgerichtheid" covers doel and agenda, "Regie"
 * covers metacommunicatie and the turn-taking that lets a client take the lead.
 */
export const worksheetThemeChoices: readonly { readonly label: string; readonly themeIds: readonly ThemeId[] }[] = [
  { label: 'Emotie', themeIds: ['emotie'] },
  { label: 'Weerstand', themeIds: ['weerstand'] },
  { label: 'Feedback', themeIds: ['feedback'] },
  { label: 'Resultaten', themeIds: ['resultaten'] },
  { label: 'Contact', themeIds: ['echtheid'] },
  { label: 'Doelgerichtheid', themeIds: ['doel', 'agenda'] },
  { label: 'Regie', themeIds: ['metacommunicatie', 'spreektijd'] },
  { label: 'Beleving', themeIds: ['beleving'] },
  { label: 'Interventielogica', themeIds: ['interventielogica'] },
];

export const worksheetFields = {
  watchWith: { label: 'Met wie kijk ik?' },
  focusThemes: { label: 'Thema’s waar ik specifiek op let', hint: 'Kies er 1 tot 3.', min: 1, max: 3 },
  wonder: { label: 'Wat ik me afvraag', hint: 'Waar twijfel je over als je aan het gesprek terugdenkt?' },
  seen: { label: 'Wat ik zie', hint: 'Met tijdcode, zodat je het terug kunt vinden.' },
  change: { label: 'Wat ik anders ga doen', hint: 'Meer, minder of anders; zie ook de tips bij het thema.' },
} as const;

export interface WorksheetSighting {
  /** Seconds from the start of the recording. */
  readonly at: number;
  readonly end?: number;
  readonly text: string;
}

export interface WorksheetEntry {
  readonly themeId: ThemeId;
  readonly wonder: string;
  readonly seen: readonly WorksheetSighting[];
  readonly change: string;
}

export interface Worksheet {
  readonly watchWith: readonly WatchWithId[];
  /** Required when `watchWith` includes "anders". */
  readonly watchWithOther?: string;
  readonly entries: readonly WorksheetEntry[];
}

export type WorksheetIssue =
  | { readonly code: 'watchWithMissing' }
  | { readonly code: 'watchWithOtherMissing' }
  | { readonly code: 'tooFewThemes'; readonly min: number }
  | { readonly code: 'tooManyThemes'; readonly max: number }
  | { readonly code: 'duplicateTheme'; readonly themeId: ThemeId }
  | { readonly code: 'badTimecode'; readonly themeId: ThemeId; readonly index: number };

export const worksheetIssueMessages: Readonly<Record<WorksheetIssue['code'], string>> = {
  watchWithMissing: 'Kies met wie je kijkt.',
  watchWithOtherMissing: 'Vul in met wie je kijkt.',
  tooFewThemes: 'Kies minstens één thema.',
  tooManyThemes: 'Kies hoogstens drie thema’s.',
  duplicateTheme: 'Elk thema komt maar één keer op het werkblad.',
  badTimecode: 'Deze tijdcode klopt niet.',
};

/** Structural checks of a worksheet; text fields may be empty while someone is still working. */
export function validateWorksheet(ws: Worksheet): WorksheetIssue[] {
  const issues: WorksheetIssue[] = [];
  if (ws.watchWith.length === 0) issues.push({ code: 'watchWithMissing' });
  if (ws.watchWith.includes('anders') && !ws.watchWithOther?.trim()) issues.push({ code: 'watchWithOtherMissing' });
  const { min, max } = worksheetFields.focusThemes;
  if (ws.entries.length < min) issues.push({ code: 'tooFewThemes', min });
  if (ws.entries.length > max) issues.push({ code: 'tooManyThemes', max });
  const seenThemes = new Set<ThemeId>();
  for (const entry of ws.entries) {
    if (seenThemes.has(entry.themeId)) issues.push({ code: 'duplicateTheme', themeId: entry.themeId });
    seenThemes.add(entry.themeId);
    entry.seen.forEach((s, index) => {
      const badStart = !Number.isFinite(s.at) || s.at < 0;
      const badEnd = s.end !== undefined && (!Number.isFinite(s.end) || s.end < s.at);
      if (badStart || badEnd) issues.push({ code: 'badTimecode', themeId: entry.themeId, index });
    });
  }
  return issues;
}
