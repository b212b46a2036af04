import { observationKindCatalogue, type ObservationKind, type ObservationKindSpec } from '../kijkwijzer/analysis.ts';
import { agendaSections, pillarById, reportTemplate, romanNumeral, watchWithLabels, type WatchWithId, type AgendaSection, type Pillar, type PillarId, type ReportSection, type ReportSectionId } from '../kijkwijzer/reflection.ts';
import type { ConsentUse } from './consent.ts';
import { klantgesprekWords, leidinggevendeWords, type KindTextKey, type KindWords } from './cycle-kind-texts.ts';

/**
 * The kinds of conversation a cycle can be about, and every label that depends on it: one
 * catalogue, so screens, export and server ask `kindProfile(kind)` instead of branching on the
 * kind themselves (SPEC.md KIND-*).
 *
 * - `klantgesprek`: a klantmanager and a client (the default, the method's main case).
 * - `leidinggevende`: a leidinggevende and a colleague (`000_*`: "beeldbelgesprekken van
 *   leidinggevenden met collega's … zonder 'cliënt-interview'"). The other person is a colleague,
 *   not a client: no client interview, and consent is asked of the colleague.
 *
 * Ids are stored in the database (`cycles.kind`): never rename one; add new kinds at the end.
 */
export const cycleKinds = ['klantgesprek', 'leidinggevende'] as const;
export type CycleKind = (typeof cycleKinds)[number];
export const defaultCycleKind: CycleKind = 'klantgesprek';

export interface CycleKindProfile {
  readonly id: CycleKind;
  /** In the choice at creation and on the cycle's header. */
  readonly label: string;
  readonly description: string;
  /** The professional whose conversation it is ("klantmanager", "leidinggevende"). */
  readonly professional: string;
  /** The other person, as a noun in a sentence ("de cliënt", "de collega"). */
  readonly other: string;
  /** The field that names the other person at creation, with its hint. */
  readonly counterpartLabel: string;
  readonly counterpartHint: string;
  /** Whether the method's client interview (and the agenda's third pillar from it) exists. */
  readonly hasClientInterview: boolean;
  /** What the agenda's third pillar says when there is no interview in this kind of cycle. */
  readonly noInterviewNote: string;
  /** Who gives consent, in the consent form's heading ("Toestemming van de cliënt"). */
  readonly consentHeading: string;
  /** The uses consent is asked for in this kind, in a sentence ("… gaf toestemming voor: …");
   * a use not listed is not asked (and never granted, KIND-2). */
  readonly consentUses: Readonly<Partial<Record<ConsentUse, string>>>;
  /** The same uses as the consent form names them. */
  readonly consentFormLabels: Readonly<Partial<Record<ConsentUse, string>>>;
  /** The consent form's intro: whose decisions are copied. */
  readonly consentIntro: string;
  /** The owner's role in members lists and exports ("klantmanager (eigenaar)"). */
  readonly ownerRole: string;
  /** Step texts of the stappenplan in this kind's words, where the method's own speak of a client. */
  readonly stepTexts: Readonly<Partial<Record<'intake' | 'analyse' | 'reflectie' | 'aandachtspunten', string>>>;
  /** Every other sentence that names the people: screens, export, report template, pillars,
   * observation kinds (`cycle-kind-texts.ts`, KIND-3). */
  readonly words: KindWords;
}

export const cycleKindCatalogue: Readonly<Record<CycleKind, CycleKindProfile>> = {
  klantgesprek: {
    id: 'klantgesprek',
    label: 'Gesprek met een cliënt',
    description: 'Een klantmanager en een cliënt. Met cliëntinterview als de cliënt daar toestemming voor geeft.',
    professional: 'klantmanager',
    other: 'de cliënt',
    counterpartLabel: 'Cliënt / gesprekspartner',
    counterpartHint: 'Een label, geen echte naam: bijvoorbeeld „cliënt A”.',
    hasClientInterview: true,
    noInterviewNote: 'Er is geen cliëntinterview.',
    consentHeading: 'Toestemming van de cliënt',
    consentUses: {
      own: 'eigen gebruik door de klantmanager',
      researchers: 'onderzoekers en coach',
      colleagues: 'intervisie met collega’s',
      training: 'trainingen en presentaties',
      clientInterview: 'cliënt mag benaderd worden voor een interview',
    },
    consentFormLabels: {
      own: 'Eigen gebruik (klantmanager)',
      researchers: 'Onderzoekers en coach',
      colleagues: 'Collega’s (intervisie)',
      training: 'Trainingen en presentaties',
      clientInterview: 'Cliënt mag benaderd worden voor een interview',
    },
    consentIntro:
      'Neem over wat de cliënt op het toestemmingsformulier heeft aangegeven. De cliënt kiest voor elk gebruik afzonderlijk, en mag altijd op de toestemming terugkomen.',
    ownerRole: 'klantmanager (eigenaar)',
    stepTexts: {},
    words: klantgesprekWords,
  },
  leidinggevende: {
    id: 'leidinggevende',
    label: 'Gesprek van een leidinggevende met een collega',
    description: 'Een leidinggevende en een collega, bijvoorbeeld een beeldbelgesprek. Zonder cliëntinterview.',
    professional: 'leidinggevende',
    other: 'de collega',
    counterpartLabel: 'Collega / gesprekspartner',
    counterpartHint: 'Een label, geen echte naam: bijvoorbeeld „collega B”.',
    hasClientInterview: false,
    noInterviewNote: 'Bij een gesprek van een leidinggevende met een collega hoort geen interview achteraf.',
    consentHeading: 'Toestemming van de collega',
    consentUses: {
      own: 'eigen gebruik door de leidinggevende',
      researchers: 'onderzoekers en coach',
      colleagues: 'intervisie met andere collega’s',
      training: 'trainingen en presentaties',
    },
    consentFormLabels: {
      own: 'Eigen gebruik (leidinggevende)',
      researchers: 'Onderzoekers en coach',
      colleagues: 'Andere collega’s (intervisie)',
      training: 'Trainingen en presentaties',
    },
    consentIntro:
      'Neem over wat de collega op het toestemmingsformulier heeft aangegeven. De collega kiest voor elk gebruik afzonderlijk, en mag altijd op de toestemming terugkomen.',
    ownerRole: 'leidinggevende (eigenaar)',
    stepTexts: {
      intake: 'De leidinggevende levert de opname aan, legt de toestemming van de collega vast en noemt twijfels en leerdoelen.',
      analyse: 'Onderzoekers of een coach bekijken de opname eerst ieder apart met de Kijkwijzer, stemmen observaties af en formuleren vragen voor de leidinggevende.',
      reflectie: 'Onderzoekers of coach en leidinggevende maken samen de agenda en kijken fragmenten terug.',
      aandachtspunten: 'De leidinggevende kiest wat hij of zij meeneemt en uitprobeert, en evalueert het reflectiegesprek.',
    },
    words: leidinggevendeWords,
  },
};

/** The uses consent is asked for in a cycle of this kind, in the catalogue's order. */
export function askedUses(kind: CycleKind): ConsentUse[] {
  const profile = kindProfile(kind);
  return (Object.keys(profile.consentUses) as ConsentUse[]);
}

export function kindProfile(kind: CycleKind): CycleKindProfile {
  return cycleKindCatalogue[kind];
}

export function isCycleKind(value: unknown): value is CycleKind {
  return typeof value === 'string' && (cycleKinds as readonly string[]).includes(value);
}

/** A sentence of this kind's words, with `{placeholders}` filled in (unknown ones stay visible). */
export function kindText(kind: CycleKind, key: KindTextKey, params: Readonly<Record<string, string | number>> = {}): string {
  return kindProfile(kind).words.texts[key].replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/** A pillar of the agenda in this kind's words (KIND-3). */
export function pillarFor(kind: CycleKind, id: PillarId): Pillar {
  return { ...pillarById(id), ...kindProfile(kind).words.pillars[id] };
}

/** The report template I–VII in this kind's words: same sections and ids, other people. */
export function reportTemplateFor(kind: CycleKind): readonly ReportSection[] {
  const words = kindProfile(kind).words.report;
  return reportTemplate.map((s) => ({ ...s, ...words[s.id] }));
}

/** "III. Terugblik van de collega": the heading the report of a cycle of this kind starts with. */
export function reportSectionHeadingFor(kind: CycleKind, id: ReportSectionId): string {
  const sections = reportTemplateFor(kind);
  const index = sections.findIndex((s) => s.id === id);
  const section = sections[index];
  if (!section) throw new Error(`Unknown report section: ${id}`);
  return `${romanNumeral(index)}. ${section.title}`;
}

/** The agenda's sections in this kind's words (same ids and order). */
export function agendaSectionsFor(kind: CycleKind): readonly AgendaSection[] {
  const words = kindProfile(kind).words.agendaSections;
  return agendaSections.map((s) => ({ ...s, ...words[s.id] }));
}

/** A werkblad "Ik kijk samen met" choice in this kind's words. */
export function watchWithLabelFor(kind: CycleKind, id: WatchWithId): string {
  return kindProfile(kind).words.watchWith[id] ?? watchWithLabels[id];
}

/** An observation kind in this kind's words ("vraag voor de collega"). */
export function observationKindFor(kind: CycleKind, id: ObservationKind): ObservationKindSpec {
  return { ...observationKindCatalogue[id], ...kindProfile(kind).words.observationKinds[id] };
}

export type { KindTextKey } from './cycle-kind-texts.ts';
export { kindTextKeys } from './cycle-kind-texts.ts';
