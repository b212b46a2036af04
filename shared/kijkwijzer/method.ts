/**
 * The method around the catalogue: the three sources of learning, the steps for working with a
 * recording on your own (Kijkwijzer "Werkwijze", kijk-en-doe-wijzer deel 4), the video-reflection
 * cycle with researchers (werkwijze deel 2 "Aanpak en stappenplan") and the general attention
 * points. Short texts for onboarding and empty states.
 *
 * Isomorphic: no DOM, no Node APIs.
 */

export const learningSourceIds = ['videobeelden', 'clientfeedback', 'vreemdeOgen'] as const;
export type LearningSourceId = (typeof learningSourceIds)[number];

/** Leren in en van de praktijk draws on three sources. */
export const learningSources: readonly { readonly id: LearningSourceId; readonly label: string; readonly text: string }[] = [
  {
    id: 'videobeelden',
    label: 'Videobeelden',
    text: 'Vertrekpunt is wat er feitelijk gebeurde, niet herinneringen of interpretaties. Achteraf kun je in alle rust terug- en vooruitspoelen en alternatieven bedenken.',
  },
  {
    id: 'clientfeedback',
    label: 'Cliëntfeedback',
    text: 'Veel gebeurt van binnen. Gericht feedback vragen laat zien of de werkrelatie beter wordt en of jullie dichter bij het doel komen.',
  },
  {
    id: 'vreemdeOgen',
    label: 'Vreemde ogen',
    text: 'Een onderzoeker, coach of collega ziet andere dingen en andere mogelijkheden dan jij.',
  },
];

export const selfStudyStepIds = ['opname', 'themas', 'terugkijken', 'bevragen', 'aanpassen', 'herhalen', 'delen'] as const;
export type SelfStudyStepId = (typeof selfStudyStepIds)[number];

/** Working with the Kijkwijzer on your own or with others. */
export const selfStudySteps: readonly { readonly id: SelfStudyStepId; readonly label: string; readonly text: string }[] = [
  {
    id: 'opname',
    label: 'Video-opname',
    text: 'Neem een gesprek op, met uitdrukkelijke toestemming van de cliënt voor elk gebruik.',
  },
  {
    id: 'themas',
    label: 'Thema’s',
    text: 'Kies een doel voor het terugkijken: waar twijfel je over? Kies de thema’s waar je op wilt letten.',
  },
  {
    id: 'terugkijken',
    label: 'Terugkijken',
    text: 'Bekijk de opname aan de hand van die thema’s: alleen, met een collega, coach, onderzoeker of met je cliënt.',
  },
  {
    id: 'bevragen',
    label: 'Bevragen',
    text: 'Stel jezelf of elkaar de vragen bij de thema’s en bedenk andere handelingsmogelijkheden.',
  },
  {
    id: 'aanpassen',
    label: 'Aanpassen',
    text: 'Kies wat je de volgende keer anders, vaker of juist minder gaat doen.',
  },
  {
    id: 'herhalen',
    label: 'Herhalen',
    text: 'Breng je voornemens in praktijk, neem je cliënt daarin mee en kijk opnieuw met een nieuwe opname.',
  },
  {
    id: 'delen',
    label: 'Delen',
    text: 'Deel je ervaringen met collega’s.',
  },
];

export const cycleStepIds = ['intake', 'analyse', 'clientInterview', 'reflectie', 'aandachtspunten', 'vervolg'] as const;
export type CycleStepId = (typeof cycleStepIds)[number];

/** The video-reflection cycle with researchers, one per recorded conversation. */
export const cycleSteps: readonly { readonly id: CycleStepId; readonly label: string; readonly text: string }[] = [
  {
    id: 'intake',
    label: 'Intake',
    text: 'De klantmanager levert de opname aan, legt de toestemming vast en noemt twijfels en leerdoelen.',
  },
  {
    id: 'analyse',
    label: 'Analyse',
    text: 'Twee onderzoekers bekijken de opname eerst ieder apart met de Kijkwijzer, stemmen observaties af en formuleren vragen voor cliënt en klantmanager.',
  },
  {
    id: 'clientInterview',
    label: 'Cliëntinterview',
    text: 'Als de cliënt toestemming gaf, interviewt één onderzoeker de cliënt, eventueel aan de hand van fragmenten.',
  },
  {
    id: 'reflectie',
    label: 'Reflectiegesprek',
    text: 'Onderzoekers en klantmanager maken samen de agenda uit drie pijlers en kijken fragmenten terug.',
  },
  {
    id: 'aandachtspunten',
    label: 'Aandachtspunten',
    text: 'De klantmanager kiest wat hij meeneemt en uitprobeert, en evalueert het reflectiegesprek.',
  },
  {
    id: 'vervolg',
    label: 'Vervolg',
    text: 'Een volgende opname laat zien of de voornemens gelukt zijn en wat ze opleveren; aandachtspunten groeien uit tot een persoonlijke leeragenda.',
  },
];

/** What almost all clients in the project said; worth keeping in view with every theme. */
export const generalAttentionPoints: readonly string[] = [
  'Cliënten voelen de machtsverhouding bijna altijd. Wat er in hen omgaat, laten ze vaak maar subtiel merken; kijk daarom precies naar wat er gebeurt en gezegd wordt.',
  'Cliënten waarderen persoonlijke aandacht, maar doelgerichtheid en structuur net zo goed.',
  'Er is geen goed of fout in gesprekken, alleen passend of niet passend. Alles werkt weleens, niets werkt altijd.',
];

/** Ways to use the core questions (kijk-en-doe-wijzer, deel 4). */
export const waysOfUse: readonly { readonly label: string; readonly text: string }[] = [
  {
    label: 'Individuele reflectie',
    text: 'Stel jezelf na een gesprek de vijf kernvragen: wat ging goed, wat minder, waar twijfel je over, wat doe je de volgende keer?',
  },
  {
    label: 'Een gesprek structureren',
    text: 'Verhelder het kader en maak samen een agenda, leer de ander kennen via belevingsvragen, breng de situatie in kaart en maak een plan dat past bij hoe de ander het ziet.',
  },
  {
    label: 'Video-opname analyseren',
    text: 'Neem een gesprek op en analyseer het, alleen of in intervisie.',
  },
];

/** The four knobs in conversations and trajectories (kijk-en-doe-wijzer, deel 3). */
export const trajectoryKnobs: readonly { readonly label: string; readonly text: string }[] = [
  { label: 'Leefgebiedenlogica', text: 'Met welk leefgebied begin je: school, werk, wonen, geld, gezondheid?' },
  { label: 'Kader kiezen', text: 'Welk wettelijk kader, welke insteek (rechtmatig of doelmatig) en welke vorm van contact?' },
  { label: 'Voorbij sociale wenselijkheid', text: 'Echtheid in het contact.' },
  { label: 'Maatwerk', text: 'Het wat per leefgebied, en het hoe: kansen, competenties, (zelf)sturing of ondernemen.' },
];
