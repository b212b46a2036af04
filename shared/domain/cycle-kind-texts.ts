/**
 * The words of every screen, export and template that speak of the two people in the
 * conversation, per cycle kind (KIND-3). Part of the kind catalogue (`cycle-kinds.ts` hands them
 * out as `kindProfile(kind).texts`, `.pillars`, `.report`, `.observationKinds`); a screen or
 * renderer never branches on the kind itself.
 *
 * `texts` keys are the client catalogue's keys for the same sentence (the client's `kindT` reads
 * them from here instead of `nl.ts`), plus `export.*` for the server's renderers. Both kinds
 * carry every key (the type makes the leidinggevende list as complete as the klantgesprek one).
 *
 * Only types are imported: `cycle-kinds.ts` imports this module's values.
 */
import type { ObservationKind } from '../kijkwijzer/analysis.ts';
import type { AgendaSectionId, PillarId, ReportSectionId, WatchWithId } from '../kijkwijzer/reflection.ts';

const klantgesprekTexts = {
  'role.owner': 'klantmanager (eigenaar)',
  'report.readOnlyRole': 'De klantmanager en de onderzoekers schrijven het verslag; jij leest mee.',
  'export.stepIntro':
    'Het verslag, de observaties, de agenda en de aandachtspunten van deze cyclus in één document, in de volgorde van de methode. Zonder video; wat de cliënt niet toestond, blijft eruit.',
  'recordings.intro':
    'Opnames zijn er alleen om van te leren, nooit als bewijs. Alleen wie de toestemming van de cliënt dekt, kan een opname bekijken; downloaden kan niet.',
  'recordings.emptyOwner': 'Er zijn nog geen opnames. Voeg de video-opname van het gesprek toe en leg daarna de toestemming van de cliënt vast.',
  'recordings.ownerOnlyUntilConsent':
    'Er is nog geen toestemming van de cliënt vastgelegd. Tot die tijd kun alleen jij deze opname bekijken; onderzoekers en collega’s zien hem niet.',
  'recordings.clientForm': 'Formulier en code voor de cliënt',
  'recordings.consent.signedDates': 'door de cliënt op {client}, door de klantmanager op {manager}',
  'recordings.history.signed': 'getekend door de cliënt op {client} en door de klantmanager op {manager}',
  'recordings.withdraw.intro':
    'Komt de cliënt terug op de toestemming, leg dat dan meteen hier vast. Wie de opname daardoor niet meer mag zien, wordt direct afgebroken.',
  'recordings.withdraw.scopeLegend': 'Wat gebeurt er met wat de cliënt zei?',
  'recordings.withdraw.scopeEverything':
    'Wis ook alles waarin de cliënt wordt geciteerd: interviewnotities en feedback, en bij deze opname de teksten van observaties, de namen van fragmenten, de agendapunten erover en de alinea’s in het verslag die ernaar verwijzen (tijden en thema’s blijven)',
  'consentForm.clientSignedOn': 'Datum handtekening cliënt',
  'consentForm.managerSignedOn': 'Datum handtekening klantmanager',
  'consentForm.recordedByHint': 'De klantmanager of collega die de opname maakte.',
  'consentForm.lawfulBasisHint': 'Bijvoorbeeld: toestemming van de cliënt, vastgelegd op het ondertekende toestemmingsformulier.',
  'deleteCycle.what':
    'Alles van deze cyclus wordt gewist: de opnames (bestanden en sleutels), de scans van de toestemmingsformulieren, de transcripten, de analyses (ook de eigen lagen), het interview, de agenda, het verslag en de links voor de cliënt. Dit kan niet ongedaan worden gemaakt.',
  'intake.ownerWrites': 'De klantmanager vult de intake in; jullie lezen mee ter voorbereiding.',
  'intake.addPlaceholder': 'Bijvoorbeeld: ik weet niet of de cliënt echt achter het plan staat',
  'previous.none': 'Dit is het eerste gesprek met deze cliënt in Kijkruimte: er zijn geen voornemens van een vorige keer.',
  'newCycle.previous': 'Vorige cyclus met deze cliënt (optioneel)',
  'newCycle.previousNone': 'Geen: eerste gesprek met deze cliënt',
  'takeaways.carried': 'Deze aandachtspunten staan bovenaan de cyclus en komen terug in de intake van het volgende gesprek met deze cliënt.',
  'plan.reasonPlaceholder': 'Bijvoorbeeld: de cliënt wil liever niet, of het voegt nu weinig toe',
  'agenda.pillarEmpty.doubts': 'De klantmanager heeft nog geen twijfels of leerdoelen genoteerd (Intake).',
  'agenda.pillarEmpty.client': 'De interviewer heeft nog geen feedback van de cliënt doorgegeven (Cliëntinterview).',
  'agenda.noInterview':
    'Feedback uit het cliëntinterview: er is geen cliëntinterview, want de cliënt gaf (nog) geen toestemming om benaderd te worden.',
  'analysis.refused.colleague': 'Collega’s kijken alleen mee in intervisie als de cliënt daar toestemming voor heeft gegeven. Vraag de klantmanager ernaar.',
  'analysis.guide.slimSelfImage': 'Wat zegt de cliënt (impliciet) over zichzelf?',
  'analysis.intervision.noColleagues': 'Er doen nog geen collega’s mee. De klantmanager nodigt ze uit bij Deelnemers.',
  'transcript.role.klantmanager': 'Klantmanager',
  'transcript.role.client': 'Cliënt',
  'transcript.pseudonym': 'Pseudoniem, bijv. Cliënt A',
  'transcript.importHint':
    'Importeer een transcript van deze opname: WebVTT (ook uit Teams), SRT of regels als "06.11 De klantmanager: tekst". UTF-8 of Windows-1252, hoogstens 5 MiB.',
  'transcribe.defaultSpeakers': 'De klantmanager, De cliënt',
  'slim.intro':
    'Een korte overkoepelende analyse van dit gesprek met het SLIM-model: wat zegt de cliënt over zijn eigen willen en kunnen, welke rol neemt de professional, en past dat bij elkaar?',
  'slim.selfImage': 'Zelfbeeld van de cliënt',
  'export.interviewHeading': 'Interview met de cliënt',
  'export.interviewConsentMissing': 'Geen interview met de cliënt opgenomen: de cliënt gaf hiervoor geen toestemming.',
  'export.interviewConfidential':
    'Het interviewverslag is vertrouwelijk en alleen voor de onderzoekers; de feedback die de interviewer doorgaf staat onder "Feedback uit het cliëntinterview".',
  'export.intervisionOmitted': 'Observaties uit intervisie zijn weggelaten: de cliënt gaf geen toestemming voor gebruik in intervisie.',
  'export.feedbackOmitted': 'De doorgegeven feedback van de cliënt is weggelaten: de cliënt gaf geen toestemming voor een interview.',
  'export.noFeedback': 'Geen feedback doorgegeven.',
} as const;

export type KindTextKey = keyof typeof klantgesprekTexts;
export const kindTextKeys = Object.keys(klantgesprekTexts) as KindTextKey[];

/** The other person is a colleague and the professional a leidinggevende; there is no interview. */
const leidinggevendeTexts: Readonly<Record<KindTextKey, string>> = {
  'role.owner': 'leidinggevende (eigenaar)',
  'report.readOnlyRole': 'De leidinggevende en de onderzoekers schrijven het verslag; jij leest mee.',
  'export.stepIntro':
    'Het verslag, de observaties, de agenda en de aandachtspunten van deze cyclus in één document, in de volgorde van de methode. Zonder video; wat de collega niet toestond, blijft eruit.',
  'recordings.intro':
    'Opnames zijn er alleen om van te leren, nooit als bewijs. Alleen wie de toestemming van de collega dekt, kan een opname bekijken; downloaden kan niet.',
  'recordings.emptyOwner': 'Er zijn nog geen opnames. Voeg de video-opname van het gesprek toe en leg daarna de toestemming van de collega vast.',
  'recordings.ownerOnlyUntilConsent':
    'Er is nog geen toestemming van de collega vastgelegd. Tot die tijd kun alleen jij deze opname bekijken; onderzoekers en anderen zien hem niet.',
  'recordings.clientForm': 'Formulier en code voor de collega',
  'recordings.consent.signedDates': 'door de collega op {client}, door de leidinggevende op {manager}',
  'recordings.history.signed': 'getekend door de collega op {client} en door de leidinggevende op {manager}',
  'recordings.withdraw.intro':
    'Komt de collega terug op de toestemming, leg dat dan meteen hier vast. Wie de opname daardoor niet meer mag zien, wordt direct afgebroken.',
  'recordings.withdraw.scopeLegend': 'Wat gebeurt er met wat de collega zei?',
  'recordings.withdraw.scopeEverything':
    'Wis ook alles waarin de collega wordt geciteerd: bij deze opname de teksten van observaties, de namen van fragmenten, de agendapunten erover en de alinea’s in het verslag die ernaar verwijzen (tijden en thema’s blijven)',
  'consentForm.clientSignedOn': 'Datum handtekening collega',
  'consentForm.managerSignedOn': 'Datum handtekening leidinggevende',
  'consentForm.recordedByHint': 'De leidinggevende of wie de opname maakte.',
  'consentForm.lawfulBasisHint': 'Bijvoorbeeld: toestemming van de collega, vastgelegd op het ondertekende toestemmingsformulier.',
  'deleteCycle.what':
    'Alles van deze cyclus wordt gewist: de opnames (bestanden en sleutels), de scans van de toestemmingsformulieren, de transcripten, de analyses (ook de eigen lagen), de agenda en het verslag. Dit kan niet ongedaan worden gemaakt.',
  'intake.ownerWrites': 'De leidinggevende vult de intake in; jullie lezen mee ter voorbereiding.',
  'intake.addPlaceholder': 'Bijvoorbeeld: ik weet niet of mijn collega zich gehoord voelde',
  'previous.none': 'Dit is het eerste gesprek met deze collega in Kijkruimte: er zijn geen voornemens van een vorige keer.',
  'newCycle.previous': 'Vorige cyclus met deze collega (optioneel)',
  'newCycle.previousNone': 'Geen: eerste gesprek met deze collega',
  'takeaways.carried': 'Deze aandachtspunten staan bovenaan de cyclus en komen terug in de intake van het volgende gesprek met deze collega.',
  'plan.reasonPlaceholder': 'Bijvoorbeeld: het voegt nu weinig toe',
  'agenda.pillarEmpty.doubts': 'De leidinggevende heeft nog geen twijfels of leerdoelen genoteerd (Intake).',
  'agenda.pillarEmpty.client': 'Er is nog geen feedback van de collega genoteerd.',
  'agenda.noInterview': 'Feedback van de collega: bij een gesprek van een leidinggevende met een collega hoort geen interview achteraf.',
  'analysis.refused.colleague': 'Collega’s kijken alleen mee in intervisie als de gefilmde collega daar toestemming voor heeft gegeven. Vraag de leidinggevende ernaar.',
  'analysis.guide.slimSelfImage': 'Wat zegt de collega (impliciet) over zichzelf?',
  'analysis.intervision.noColleagues': 'Er doen nog geen collega’s mee. De leidinggevende nodigt ze uit bij Deelnemers.',
  'transcript.role.klantmanager': 'Leidinggevende',
  'transcript.role.client': 'Collega',
  'transcript.pseudonym': 'Pseudoniem, bijv. Collega B',
  'transcript.importHint':
    'Importeer een transcript van deze opname: WebVTT (ook uit Teams), SRT of regels als "06.11 De leidinggevende: tekst". UTF-8 of Windows-1252, hoogstens 5 MiB.',
  'transcribe.defaultSpeakers': 'De leidinggevende, De collega',
  'slim.intro':
    'Een korte overkoepelende analyse van dit gesprek met het SLIM-model: wat zegt de collega over zijn eigen willen en kunnen, welke rol neemt de leidinggevende, en past dat bij elkaar?',
  'slim.selfImage': 'Zelfbeeld van de collega',
  'export.interviewHeading': 'Terugblik van de collega',
  'export.interviewConsentMissing': 'Geen terugblik van de collega opgenomen: de collega gaf hiervoor geen toestemming.',
  'export.interviewConfidential': 'Er is geen interviewverslag: bij dit gesprek hoort geen interview achteraf.',
  'export.intervisionOmitted': 'Observaties uit intervisie zijn weggelaten: de collega gaf geen toestemming voor gebruik in intervisie.',
  'export.feedbackOmitted': 'De feedback van de collega is weggelaten: daar is geen toestemming voor.',
  'export.noFeedback': 'Geen feedback van de collega genoteerd.',
};

/** Pillar words that speak of the people; the rest of a pillar is the method's own. */
export type PillarTexts = Readonly<Partial<Record<PillarId, { label: string; shortLabel?: string; description: string; prompt?: string }>>>;
/** Report template words (title, guide question, what to note when empty), per section. */
export type ReportTexts = Readonly<Partial<Record<ReportSectionId, { title?: string; prompt: string; whenEmpty?: string }>>>;
/** Agenda sections whose description or guiding questions name the people. */
export type AgendaSectionTexts = Readonly<Partial<Record<AgendaSectionId, { description: string; guidingQuestions?: readonly string[] }>>>;
/** Observation kinds that name the people ("vraag voor cliënt"). */
export type ObservationKindTexts = Readonly<Partial<Record<ObservationKind, { label: string; heading: string; description: string }>>>;

/**
 * The words of the folder and consent form the other person gets (FORM-1, KIND-3): who the
 * professional is to them, who watches per use, what taking part does not affect.
 */
export interface ClientFormWords {
  /** "klantmanager" / "leidinggevende", after "uw" or "mijn". */
  readonly professional: string;
  /** The group that watches together in intervision and is trained ("klantmanagers"). */
  readonly peers: string;
  /** Why saying no costs nothing ("Meedoen heeft geen invloed op uw uitkering."). */
  readonly noEffect: string;
  /** The signature boxes: the other person's and the professional's. */
  readonly otherSignature: string;
  readonly professionalSignature: string;
}

export interface KindWords {
  readonly texts: Readonly<Record<KindTextKey, string>>;
  /** Overrides of `shared/kijkwijzer/reflection.ts` `pillars` (none: the method's own words). */
  readonly pillars: PillarTexts;
  /** Overrides of `reportTemplate` (none: the method's own words, which speak of a client). */
  readonly report: ReportTexts;
  readonly observationKinds: ObservationKindTexts;
  /** Overrides of `agendaSections`. */
  readonly agendaSections: AgendaSectionTexts;
  readonly clientForm: ClientFormWords;
  /** Overrides of the werkblad's "Ik kijk samen met" choices (`watchWithLabels`). */
  readonly watchWith: Readonly<Partial<Record<WatchWithId, string>>>;
}

export const klantgesprekWords: KindWords = {
  texts: klantgesprekTexts,
  pillars: {},
  report: {},
  observationKinds: {},
  agendaSections: {},
  watchWith: {},
  clientForm: {
    professional: 'klantmanager',
    peers: 'klantmanagers',
    noEffect: 'Meedoen heeft geen invloed op uw uitkering.',
    otherSignature: 'Handtekening cliënt',
    professionalSignature: 'Handtekening klantmanager',
  },
};

export const leidinggevendeWords: KindWords = {
  texts: leidinggevendeTexts,
  pillars: {
    doubts: {
      label: 'Twijfels en leerdoelen van de leidinggevende',
      description: 'Wat de leidinggevende zelf wil onderzoeken: twijfels over dit gesprek en eigen leerdoelen.',
    },
    client: {
      label: 'Feedback van de collega',
      shortLabel: 'Collega',
      description: 'Wat de collega zelf over het gesprek en de samenwerking zei, als die dat wil laten doorgeven. Er is geen interview achteraf.',
      prompt: 'Wat vertelde de collega over het gesprek, en hoe brengen we dat constructief in?',
    },
  },
  report: {
    achtergrond: {
      prompt:
        'Wie zijn leidinggevende en collega voor elkaar, hoe lang werken ze samen, wat is de aanleiding van dit gesprek en met welke voornemens gaat de leidinggevende erin?',
    },
    interview: {
      title: 'Terugblik van de collega',
      prompt: 'Er hoort geen interview bij. Vertelde de collega zelf iets over hoe het gesprek ging? Neem alleen op wat de collega wil laten doorgeven.',
      whenEmpty: 'Mag leeg blijven: bij een gesprek van een leidinggevende met een collega hoort geen interview.',
    },
    reflectie: {
      prompt:
        'Noteer de hoofdvragen en fragmenten van de agenda, en wat er besproken is: wat herkende de leidinggevende, wat verraste hem of haar, welke tips kwamen op tafel?',
    },
    aandachtspunten: { prompt: 'Wat neemt de leidinggevende mee, en wat gaat hij of zij in het volgende gesprek uitproberen?' },
    evaluatie: {
      prompt:
        'Hoe was het reflectiegesprek zelf: echt, met een gezamenlijk doel, met een passende aanpak? Welke tips heeft de leidinggevende voor de onderzoekers?',
    },
    verder: {
      prompt:
        'Wat gebeurde er na het reflectiegesprek? Lukte het de voornemens in een volgend gesprek toe te passen, wat leverde dat op, en hoe kijkt de leidinggevende er nu op terug?',
      whenEmpty: 'Vul dit later aan, bijvoorbeeld na het volgende gesprek met de collega of na een nieuwe opname.',
    },
  },
  watchWith: { client: 'De collega uit het gesprek' },
  clientForm: {
    professional: 'leidinggevende',
    peers: 'leidinggevenden',
    noEffect: 'Meedoen heeft geen invloed op uw beoordeling of uw werk.',
    otherSignature: 'Handtekening collega',
    professionalSignature: 'Handtekening leidinggevende',
  },
  agendaSections: {
    open: { description: 'Beginnen bij de leidinggevende: eigen indruk, twijfels en vragen.' },
    doel: {
      description: 'Hebben leidinggevende en collega een uitgesproken doel waar ze allebei achter staan?',
      guidingQuestions: [
        'Wat was voor jou het doel van dit gesprek, en wat denk je dat het doel van je collega was?',
        'In hoeverre hadden jullie een gezamenlijk doel? Waaraan merk je dat?',
        'Waar gaat een besluit van afhangen, en weet je collega dat?',
        'Heb je er vertrouwen in dat de afspraken worden uitgevoerd?',
      ],
    },
    interventielogica: {
      description: 'Past de benadering bij hoe de collega zichzelf ziet (SLIM)?',
      guidingQuestions: [
        'Wie was er het hardst aan het werk in dit gesprek?',
        'Wat zegt je collega in essentie over zichzelf, en hoe benader jij hem of haar?',
        'Sluit dat op elkaar aan? Wat houdt je tegen, en wat zou je anders kunnen doen?',
        'Hoe zou je er een gedeeld probleem van kunnen maken, zodat je collega aan het werk gaat?',
      ],
    },
    fragmenten: {
      description: 'Samen terugkijken, bijvoorbeeld “fragment 6:00–6:30”.',
      guidingQuestions: [
        'Wat gebeurde hier volgens jou?',
        'Wat doe jij op dit moment, en wat roept dat op bij je collega?',
        'Wat dacht je toen, en wat zie je nu?',
        'Wat zou je een volgende keer anders kunnen doen?',
      ],
    },
  },
  observationKinds: {
    questionForClient: {
      label: 'vraag voor de collega',
      heading: 'Vraag voor de collega',
      description: 'Iets wat alleen de gefilmde collega kan vertellen, bijvoorbeeld hoe een moment voelde. Er is geen interview: bespreek in het reflectiegesprek of en hoe je het vraagt.',
    },
    questionForProfessional: {
      label: 'vraag voor leidinggevende',
      heading: 'Vraag voor leidinggevende',
      description: 'Een open vraag over bedoeling of keuze van de leidinggevende. Kandidaat voor de agenda van het reflectiegesprek.',
    },
  },
};
