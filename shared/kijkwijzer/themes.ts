/**
 * The Kijkwijzer themes (deel 3: "Thema’s", algemeen en specifiek) and the two themes the
 * kijk-en-doe-wijzer adds (gedoe, kader). Ids are stable: they are stored in documents
 * (Observation.themes, AgendaItem.theme), so never rename or remove one.
 *
 * Texts are written for Kijkruimte, faithful to the seeds but in our own words.
 * Isomorphic: no DOM, no Node APIs.
 */
import type { ObservationKind, Valence } from './analysis.ts';

export const themeIds = [
  'emotie',
  'weerstand',
  'feedback',
  'resultaten',
  'echtheid',
  'beleving',
  'doel',
  'agenda',
  'metacommunicatie',
  'spreektijd',
  'interventielogica',
  'gedoe',
  'kader',
] as const;
export type ThemeId = (typeof themeIds)[number];

/** Where a theme comes from: the Kijkwijzer (2020), the kijk-en-doe-wijzer, or both. */
export const themeSources = ['kijkwijzer', 'kijk-en-doe-wijzer', 'both'] as const;
export type ThemeSource = (typeof themeSources)[number];

export const themeSourceLabels: Readonly<Record<ThemeSource, string>> = {
  kijkwijzer: 'Kijkwijzer',
  'kijk-en-doe-wijzer': 'Kijk-en-doe-wijzer',
  both: 'Kijkwijzer en kijk-en-doe-wijzer',
};

/**
 * The Kijkwijzer splits its themes into general ones (useful for every conversation) and specific
 * ones; the kijk-en-doe-wijzer's themes are core questions ("kernvragen").
 */
export const themeGroups = ['algemeen', 'specifiek', 'kernvraag'] as const;
export type ThemeGroup = (typeof themeGroups)[number];

export const themeGroupLabels: Readonly<Record<ThemeGroup, string>> = {
  algemeen: 'Algemeen',
  specifiek: 'Specifiek',
  kernvraag: 'Kernvraag',
};

/** A sub-aspect of a theme: a signal to look for or a distinction the seeds make. */
export interface ThemeAspect {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
}

/** An example observation taken from the worked examples in the seeds, retold briefly. */
export interface ThemeExample {
  /** Position in the example recording in seconds, where the seed gives one. */
  readonly atSeconds?: number;
  readonly kind: ObservationKind;
  readonly valence: Valence;
  readonly text: string;
  /** `werkwijze`: the worked example of the working method; `verhalen`: the case stories. */
  readonly origin: 'werkwijze' | 'verhalen';
}

export interface Theme {
  readonly id: ThemeId;
  /** Full label, e.g. "Raakmomenten (emotie)". */
  readonly label: string;
  /** Short label for chips and timeline markers. */
  readonly shortLabel: string;
  /** The theme as a question, as the Kijkwijzer phrases its themes. */
  readonly question: string;
  /** Why it matters, in one or two sentences. */
  readonly description: string;
  /** Marker colour: hex, distinct from the others, contrast ≥ 3:1 on white. */
  readonly color: string;
  readonly source: ThemeSource;
  readonly group: ThemeGroup;
  /** Kijkvragen: what to look for in the recording. */
  readonly guidingQuestions: readonly string[];
  /** Doe-tips: what the professional can try. */
  readonly tips: readonly string[];
  readonly aspects: readonly ThemeAspect[];
  readonly examples: readonly ThemeExample[];
  readonly relatedThemeIds: readonly ThemeId[];
}

/** The basic emotions the Kijkwijzer names under "beleving". */
export const basicEmotions = ['boos', 'bang', 'bedroefd', 'blij', 'walging'] as const;
export type BasicEmotion = (typeof basicEmotions)[number];

export const themeCatalogue: Readonly<Record<ThemeId, Theme>> = {
  emotie: {
    id: 'emotie',
    label: 'Raakmomenten (emotie)',
    shortLabel: 'Emotie',
    question: 'Zijn er raakmomenten in het gesprek?',
    description:
      'Emoties zijn feiten in een gesprek: er gebeurt kennelijk iets wat ertoe doet, positief of negatief. Zo’n raakmoment verdient aandacht.',
    color: '#C2185B',
    source: 'kijkwijzer',
    group: 'algemeen',
    guidingQuestions: [
      'Waar zie of voel je emotie, bij de cliënt of bij jezelf?',
      'Wat gebeurt er precies op dat moment, en wat ging eraan vooraf?',
      'Wat wordt er met het raakmoment gedaan: benoemd, ruimte gegeven of bewust gelaten?',
      'Verandert het gesprek daarna, bijvoorbeeld in toon, tempo of ontspanning?',
    ],
    tips: [
      'Benoem wat je ziet of voelt, bijvoorbeeld: “Ik zie dat dit je raakt.”',
      'Laat een emotie er even zijn, zonder hem meteen op te lossen of weg te praten met “positief denken”.',
      'Laat ook je eigen blijdschap of betrokkenheid zien; dat maakt het contact echter.',
    ],
    aspects: [
      { id: 'bij-client', label: 'Emotie bij de cliënt' },
      { id: 'bij-professional', label: 'Emotie bij de professional' },
      { id: 'benoemd', label: 'Benoemd', hint: 'De emotie wordt hardop benoemd.' },
      { id: 'ruimte-gegeven', label: 'Ruimte gegeven', hint: 'De emotie mag er zijn en krijgt tijd.' },
      { id: 'bewust-gelaten', label: 'Bewust gelaten', hint: 'Er wordt bewust niet op ingegaan.' },
    ],
    examples: [
      {
        atSeconds: 371,
        kind: 'observation',
        valence: 'positive',
        text: 'De klantmanager laat oprechte blijdschap zien over het herstel van de cliënt. Beiden lachen; de formele rolverdeling verdwijnt en het gesprek ontspant.',
        origin: 'werkwijze',
      },
      {
        atSeconds: 30,
        kind: 'observation',
        valence: 'positive',
        text: 'De klantmanager komt terug op de spanning die de cliënt noemde, erkent dat gevoel en nodigt hem uit het te uiten. De cliënt lijkt te ontspannen.',
        origin: 'werkwijze',
      },
    ],
    relatedThemeIds: ['beleving', 'echtheid'],
  },

  weerstand: {
    id: 'weerstand',
    label: 'Weerstand, afhaken, verstarren',
    shortLabel: 'Weerstand',
    question: 'Is er weerstand, afhaken of verstarren (fight, flight, freeze)?',
    description:
      'Mensen reageren verschillend op spanning: in verzet gaan, afhaken of dichtklappen. Zulke reacties zijn feedback op wat er in het gesprek gebeurt. Benoemen helpt het gesprek weer stromen; negeren leidt vaak tot stilstand.',
    color: '#C62828',
    source: 'both',
    group: 'algemeen',
    guidingQuestions: [
      'Waar zie je weerstand, afhaken of verstarren, bij de cliënt of bij jezelf?',
      'Wat ging er direct aan vooraf? Waardoor lijkt het te ontstaan?',
      'Is het een reactie op wat er nu in het gesprek gebeurt, of raakt het iets in de persoon dat los staat van dit moment?',
      'Wordt het opgemerkt en besproken, of gaat het gesprek eroverheen?',
    ],
    tips: [
      'Benoem wat je waarneemt, vraag of je het goed ziet en of de ander er iets over wil zeggen.',
      'Zoek eerst in de interactie: wat deed ik net, en hoe kwam dat aan?',
      'Komt het vaker terug? Kijk dan of je benadering past bij hoe de cliënt zichzelf ziet.',
    ],
    aspects: [
      {
        id: 'fight',
        label: 'Weerstand (fight)',
        hint: 'Tegenspreken, discussiëren, de bal terugspelen, welles-nietes.',
      },
      {
        id: 'flight',
        label: 'Afhaken (flight)',
        hint: 'Wegkijken, korte antwoorden, van onderwerp wisselen, ja zeggen en nee doen.',
      },
      {
        id: 'freeze',
        label: 'Verstarren (freeze)',
        hint: 'Stilvallen, dichtklappen, een gespannen of starre houding.',
      },
      {
        id: 'non-verbaal',
        label: 'Non-verbaal signaal',
        hint: 'Armen over elkaar, niet aankijken, een zenuwtrekje. Toets je interpretatie: een frons kan ook concentratie zijn.',
      },
    ],
    examples: [
      {
        atSeconds: 684,
        kind: 'observation',
        valence: 'concern',
        text: 'Na “we gaan er gewoon vol voor!” zegt de cliënt “ja, oké” maar kijkt pas later weer op. Wat gaat er in hem om?',
        origin: 'werkwijze',
      },
      {
        kind: 'observation',
        valence: 'concern',
        text: 'Zodra de klantmanager het wantrouwen wil bespreken, slaat de cliënt zijn armen over elkaar en speelt de bal terug.',
        origin: 'verhalen',
      },
    ],
    relatedThemeIds: ['gedoe', 'interventielogica'],
  },

  feedback: {
    id: 'feedback',
    // Feedback asked *within* the conversation; not the client interview's feedback (WORDING-2).
    label: 'Feedback vragen in het gesprek',
    shortLabel: 'Feedback vragen',
    question: 'Wordt de cliënt om feedback gevraagd?',
    description:
      'Een gezamenlijk doel en eigenaarschap van de cliënt zijn belangrijke succesfactoren. Feedback vragen laat zien hoeveel eigenaarschap er is en wat je kunt doen om het te vergroten.',
    color: '#00796B',
    source: 'kijkwijzer',
    group: 'algemeen',
    guidingQuestions: [
      'Vraag je de cliënt wat hij van het gesprek of de samenwerking vindt?',
      'Geeft de cliënt uit zichzelf feedback op het gesprek, in woorden of non-verbaal?',
      'Wat zegt die feedback, en welke behoefte zit erachter?',
      'Wat wordt er met de feedback gedaan?',
    ],
    tips: [
      'Vraag actief en ook tussendoor om feedback: “Wat vind je van dit gesprek?”, “Werken we goed samen?”, “Heb je er vertrouwen in?”, “Schieten we op?”',
      'Cliënten uiten kritiek vaak voorzichtig. Nodig uitdrukkelijk uit om ook te zeggen wat niet prettig was.',
      'Laat merken wat je met de feedback doet.',
    ],
    aspects: [
      { id: 'gevraagd', label: 'Gevraagde feedback', hint: 'De professional vraagt er zelf om.' },
      { id: 'spontaan', label: 'Spontane feedback', hint: 'De cliënt geeft uit zichzelf feedback op het gesprek.' },
      { id: 'samenwerking', label: 'Over de samenwerking', hint: 'Begrijpen we elkaar beter? (proces)' },
      { id: 'voortgang', label: 'Over de voortgang', hint: 'Komen we dichter bij het doel?' },
    ],
    examples: [
      {
        atSeconds: 830,
        kind: 'observation',
        valence: 'positive',
        text: 'De klantmanager vraagt “Wat vind je ervan?” en kijkt de cliënt open aan. Diens gezicht breekt open en hij vertelt spontaan wat hem drijft.',
        origin: 'werkwijze',
      },
      {
        kind: 'observation',
        valence: 'neutral',
        text: 'De cliënt zegt dat er meteen een tweede vraag komt en dat hij de eerste daardoor kwijt is: feedback op het gesprek zelf.',
        origin: 'verhalen',
      },
    ],
    relatedThemeIds: ['resultaten', 'doel'],
  },

  resultaten: {
    id: 'resultaten',
    label: 'Resultaten',
    shortLabel: 'Resultaten',
    question: 'Welke resultaten worden bereikt?',
    description:
      'Een gesprek levert twee dingen op: een betere werkrelatie (proces) en stappen richting participatie (doel). Resultaten benoemen, of laten benoemen, werkt motiverend.',
    color: '#2E7D32',
    source: 'both',
    group: 'algemeen',
    guidingQuestions: [
      'Voelt de cliënt zich eigenaar van het traject?',
      'Is er een gezamenlijk plan waar cliënt en klantmanager allebei achter staan?',
      'Wordt de werkrelatie beter in dit gesprek?',
      'Zijn jullie een stap dichter bij het doel? Zijn er concrete acties afgesproken, en is er vertrouwen dat ze worden uitgevoerd?',
    ],
    tips: [
      'Zeg aan het begin wat het gesprek moet opleveren.',
      'Vat aan het eind samen wat het heeft opgeleverd, voor de samenwerking en richting het doel.',
      'Spreek de volgende stap af, en wat er in het volgende gesprek aan bod komt.',
    ],
    aspects: [
      { id: 'werkrelatie', label: 'Betere werkrelatie', hint: 'Proces: begrijpen we elkaar beter?' },
      { id: 'stap-naar-doel', label: 'Stap richting het doel', hint: 'Doel: stappen richting participatie.' },
      { id: 'concrete-afspraak', label: 'Concrete afspraak' },
      { id: 'eigenaarschap', label: 'Eigenaarschap van de cliënt' },
    ],
    examples: [
      {
        atSeconds: 997,
        kind: 'observation',
        valence: 'positive',
        text: 'De cliënt noemt zelf een termijn: “één, hooguit twee weken”. De verantwoordelijkheid ligt bij hem; het contact is warm en doelgericht.',
        origin: 'werkwijze',
      },
    ],
    relatedThemeIds: ['doel', 'feedback'],
  },

  echtheid: {
    id: 'echtheid',
    label: 'Echtheid in het contact',
    shortLabel: 'Echtheid',
    question: 'Is er echtheid in de communicatie?',
    description:
      'Hoe echter de cliënt het contact ervaart, hoe meer de begeleiding uithaalt. In de spreekkamer is veel sociale wenselijkheid: cliënten zijn zich bewust van de machtsverhouding en tonen ongemak vaak maar subtiel. Kloppen woorden en lichaamstaal, dan ontstaat echtheid, naar beide kanten.',
    color: '#A21CAF',
    source: 'both',
    group: 'specifiek',
    guidingQuestions: [
      'Is het een echt gesprek of een sociaal wenselijk gesprek?',
      'Hebben beiden aandacht voor elkaar? Wordt er actief geluisterd, en wanneer juist niet?',
      'Past de lichaamstaal (houding, gezicht, toon, tempo) bij wat er gezegd wordt?',
      'Wat blijft onbenoemd?',
      'Wat voel je bij het terugkijken, en wat had je eigenlijk willen zeggen?',
    ],
    tips: [
      'Maak contact: wees open, eerlijk en nieuwsgierig, luister actief, vat samen en vraag door. Vul niet in voor de ander.',
      'Laat ook zien wat iets met je doet, niet alleen neutrale reflecties.',
      'Zegt je intuïtie iets? Benoem het neutraal en vraag om een reactie.',
      'Bevestig wat goed gaat en zoek de positieve uitzondering in een negatief patroon.',
      'Wees duidelijk over je goede bedoelingen, zonder te beloven wat je niet kunt waarmaken.',
    ],
    aspects: [
      {
        id: 'sociaal-wenselijk',
        label: 'Sociaal wenselijk',
        hint: 'Voorzichtig, indirect, om de hete brij heen, praten over feiten en anderen in plaats van over jezelf.',
      },
      {
        id: 'echt',
        label: 'Echt',
        hint: 'Spontaan, direct, levendig, betrokken; beiden laten zichzelf zien.',
      },
      { id: 'consistent', label: 'Woorden en lichaamstaal kloppen' },
      { id: 'onbenoemd', label: 'Blijft onbenoemd' },
    ],
    examples: [
      {
        atSeconds: 288,
        kind: 'observation',
        valence: 'neutral',
        text: 'De klantmanager luistert belangstellend maar toont weinig emotie. Het gesprek is vriendelijk en correct, maar koel: beiden wisselen neutraal informatie uit.',
        origin: 'werkwijze',
      },
      {
        atSeconds: 831,
        kind: 'observation',
        valence: 'positive',
        text: 'Beiden lachen; de gereserveerdheid maakt plaats voor een spontaner gesprek over wat de cliënt drijft.',
        origin: 'werkwijze',
      },
    ],
    relatedThemeIds: ['beleving', 'emotie', 'spreektijd'],
  },

  beleving: {
    id: 'beleving',
    label: 'Beleving en gevoel',
    shortLabel: 'Beleving',
    question: 'Wordt er naar beleving en gevoel gevraagd, en krijgt dat ruimte?',
    description:
      'Emoties kunnen ervoor zorgen dat informatie niet meer binnenkomt; ze bespreken geeft weer ruimte. Vragen naar beleving laat de cliënt als persoon zien en maakt het gesprek levendiger dan alleen vragen naar de situatie. Zo kun je je benadering afstemmen.',
    color: '#9A6700',
    source: 'kijkwijzer',
    group: 'specifiek',
    guidingQuestions: [
      'Welke emoties laat de cliënt zien (boos, bang, bedroefd, blij, walging, …)?',
      'Worden emoties benoemd, of gaat het gesprek er steeds langs?',
      'Vraag je naar feiten of naar hoe iemand iets beleeft? Wat gebeurt er na een belevingsvraag?',
      'Voelt de cliënt zich overvraagd (dat zegt iets over kunnen) of niet serieus genomen (dat zegt iets over willen)?',
      'Wat verwacht de cliënt van jou, en welke behoefte spreekt daaruit?',
    ],
    tips: [
      'Vraag (door) naar wat iemand van de situatie vindt, niet alleen naar hoe die in elkaar zit.',
      'Geef reflecties op gevoel en lichaamstaal. Een reflectie is een uitspraak, geen vraag, en houdt meer vaart dan alleen vragen.',
      'Laat ook “negatieve” emoties even bestaan.',
      'Wees empathisch zonder te psychologiseren, en houd het doel van het gesprek voor ogen: een passende vorm van participatie.',
      'Vorm je een beeld van zowel draagkracht als draaglast.',
    ],
    aspects: [
      { id: 'belevingsvraag', label: 'Belevingsvraag', hint: 'Hoe is dat voor je? Wat vind je ervan?' },
      { id: 'feitenvraag', label: 'Feitenvraag', hint: 'Wanneer, wat, hoeveel?' },
      { id: 'reflectie', label: 'Reflectie op gevoel' },
      { id: 'overvraagd', label: 'Overvraagd', hint: 'Zegt iets over wat de cliënt kan.' },
      { id: 'niet-serieus-genomen', label: 'Niet serieus genomen', hint: 'Zegt iets over wat de cliënt wil.' },
    ],
    examples: [
      {
        atSeconds: 15,
        kind: 'observation',
        valence: 'concern',
        text: 'De cliënt schetst een heel medisch traject; de klantmanager vraagt alleen of hij mobiel is en gaat niet in op hoe het voor hem is.',
        origin: 'werkwijze',
      },
      {
        atSeconds: 15,
        kind: 'questionForClient',
        valence: 'neutral',
        text: 'Voelde je je gehoord toen je over je rug en het medische traject vertelde?',
        origin: 'werkwijze',
      },
      {
        atSeconds: 15,
        kind: 'questionForProfessional',
        valence: 'neutral',
        text: 'Was het een bewuste keuze om het gesprek hier zakelijk te houden?',
        origin: 'werkwijze',
      },
      {
        kind: 'observation',
        valence: 'concern',
        text: 'Op “dat was wel spannend” volgt meteen “wanneer was dat precies?”: van gevoel terug naar feiten.',
        origin: 'verhalen',
      },
    ],
    relatedThemeIds: ['emotie', 'echtheid'],
  },

  doel: {
    id: 'doel',
    label: 'Helder en gezamenlijk doel',
    shortLabel: 'Doel',
    question: 'Is het doel van het gesprek helder?',
    description:
      'Een gesprek moet zinvol zijn en ergens toe leiden. Een helder doel geeft richting en maakt resultaten benoembaar; een gezamenlijk plan vraagt om samen besluiten. Gesprekken over een stip op de horizon geven meer energie dan gesprekken over regels en gevolgen.',
    color: '#0277BD',
    source: 'both',
    group: 'specifiek',
    guidingQuestions: [
      'Welk doel noem je aan het begin van het gesprek?',
      'Wat is er, als je alles hebt teruggezien, allemaal besproken?',
      'Wat zou je achteraf het doel van dit gesprek noemen? En wat was het doel van de cliënt?',
      'Ontstaat er een gezamenlijk doel, of probeert de een de ander te overtuigen?',
    ],
    tips: [
      'Noem aan het begin duidelijk het doel, en vraag naar het doel en de verwachtingen van de cliënt.',
      'Vraag naar het toekomstbeeld van de cliënt: hoe ziet zijn leven eruit als alles lukt, en wat moet als eerste gebeuren?',
      'Vertel wat jouw plan is, vraag wat de cliënt ervan vindt, geef je reactie en besluit samen.',
      'Heb je beslisruimte? Zeg dan waar een besluit van afhangt, bijvoorbeeld: “we hebben een overtuigend verhaal nodig”.',
      'Vraag commitment: “Gaan we dit samen doen? Kan ik op je rekenen?”',
    ],
    aspects: [
      { id: 'doel-benoemd', label: 'Doel benoemd aan het begin' },
      { id: 'doel-client', label: 'Doel van de cliënt' },
      { id: 'gezamenlijk', label: 'Gezamenlijk doel', hint: 'Uitgesproken, niet alleen verondersteld of ingevuld.' },
      {
        id: 'doelmatig-rechtmatig',
        label: 'Doelmatig of rechtmatig',
        hint: 'Gaat het over een stip op de horizon, of over regels, procedures en gevolgen?',
      },
    ],
    examples: [
      {
        atSeconds: 60,
        kind: 'observation',
        valence: 'positive',
        text: 'De klantmanager zegt meteen waarvoor ze spreken: de stand van zaken. Dat lijkt ook voor de cliënt duidelijk.',
        origin: 'werkwijze',
      },
      {
        atSeconds: 75,
        kind: 'observation',
        valence: 'positive',
        text: 'De klantmanager maakt de aanvraag tot een gezamenlijk probleem: van “ik tegenover jij” naar “wij”, terwijl de uitdaging op tafel blijft.',
        origin: 'werkwijze',
      },
    ],
    relatedThemeIds: ['agenda', 'resultaten', 'kader'],
  },

  agenda: {
    id: 'agenda',
    label: 'Gezamenlijke agenda',
    shortLabel: 'Agenda',
    question: 'Is er een gezamenlijke agenda?',
    description:
      'Een gezamenlijke agenda geeft structuur, laat de cliënt zelf onderwerpen inbrengen en vergroot zo het eigenaarschap en de eigen regie.',
    color: '#1E3A8A',
    source: 'both',
    group: 'specifiek',
    guidingQuestions: [
      'Vertel je wat je wilt bespreken, en waarom?',
      'Vraag je aan het begin wat de cliënt wil bespreken?',
      'Welke onderwerpen kwamen uiteindelijk aan bod, en van wie kwamen ze?',
      'Wie bepaalt gaandeweg waar het gesprek over gaat?',
    ],
    tips: [
      'Maak samen een agenda: zeg wat jij wilt bespreken en waarom, vraag wat de cliënt wil bespreken en bepaal samen de volgorde.',
      'Vraag aan het eind of alles wat belangrijk was aan bod is gekomen.',
      'Maak de agenda zichtbaar, bijvoorbeeld met een lijstje of pictogrammen, zodat je kunt aanwijzen waar jullie zijn.',
    ],
    aspects: [
      { id: 'eigen-punten', label: 'Eigen agendapunten benoemd' },
      { id: 'punten-client', label: 'Agendapunten van de cliënt' },
      { id: 'volgorde', label: 'Volgorde samen bepaald' },
      { id: 'check-eind', label: 'Check aan het eind', hint: 'Is alles besproken wat belangrijk was?' },
    ],
    examples: [
      {
        kind: 'observation',
        valence: 'positive',
        text: 'De klantmanager opent met: ik heb een agenda in mijn hoofd, maar wil eerst weten wat jullie agenda en verwachtingen zijn.',
        origin: 'verhalen',
      },
      {
        kind: 'observation',
        valence: 'concern',
        text: 'De cliënt bepaalt grotendeels de agenda met zijn bezwaarschriften; andere onderwerpen komen niet aan bod.',
        origin: 'verhalen',
      },
    ],
    relatedThemeIds: ['doel', 'kader', 'metacommunicatie'],
  },

  metacommunicatie: {
    id: 'metacommunicatie',
    label: 'Metacommunicatie',
    shortLabel: 'Metacommunicatie',
    question: 'Benoem je wat je doet en waarom?',
    description:
      'Wie zegt wat hij doet en waarom, maakt het de cliënt mogelijk actief mee te denken. Dat versterkt de eigen regie van de cliënt.',
    color: '#4338CA',
    source: 'kijkwijzer',
    group: 'specifiek',
    guidingQuestions: [
      'Waarom vraag je wat je vraagt, en waarom begin je over een onderwerp?',
      'Hoe helpt dat om het doel te bereiken?',
      'Leg je uit wat je doet? In hoeverre, en hoe?',
      'Volgt de cliënt alleen, of neemt die soms de leiding?',
      'Begrijpt de cliënt wat je doet?',
    ],
    tips: [
      'Zeg zo vaak mogelijk waarom je iets vraagt; dan kan de cliënt meedenken.',
      'Vermijd systeemtaal.',
      'Spreek uit wat er in je omgaat, ook twijfel of ergernis, in plaats van het in te slikken.',
    ],
    aspects: [
      { id: 'waarom-benoemd', label: 'Waarom benoemd' },
      { id: 'systeemtaal', label: 'Systeemtaal' },
      { id: 'regie-client', label: 'Regie bij de cliënt', hint: 'De cliënt neemt de leiding.' },
      { id: 'regie-professional', label: 'Regie bij de professional' },
    ],
    examples: [
      {
        atSeconds: 449,
        kind: 'observation',
        valence: 'positive',
        text: 'Bij een haperende verbinding zegt de klantmanager gewoon dat het hem van zijn stuk brengt. Hij lijkt daardoor juist meer aanwezig.',
        origin: 'werkwijze',
      },
      {
        atSeconds: 287,
        kind: 'questionForProfessional',
        valence: 'neutral',
        text: 'De cliënt neemt de leiding en de klantmanager volgt. Wat ging er op dit moment in je hoofd om? De cliënt vraagt zich dat misschien ook af.',
        origin: 'werkwijze',
      },
    ],
    relatedThemeIds: ['agenda', 'kader', 'spreektijd'],
  },

  spreektijd: {
    id: 'spreektijd',
    label: 'Spreektijd en beurtwisseling',
    shortLabel: 'Spreektijd',
    question: 'Wisselen spreek- en luisterbeurten genoeg?',
    description:
      'Een gesprek is zenden én ontvangen. Beurten wisselen houdt het levendig, laat meer kanten van een onderwerp zien en is een natuurlijke check of de ander je begrijpt. Lange ping-pongketens over één onderwerp leveren veel op.',
    color: '#5F6F00',
    source: 'kijkwijzer',
    group: 'specifiek',
    guidingQuestions: [
      'Hoe is de spreektijd verdeeld tussen jou en de cliënt? Hoe lang ben je achter elkaar aan het woord?',
      'Zijn er ping-pongketens over één onderwerp, of begint elke vraag een nieuw onderwerp?',
      'Weet je of de cliënt je begrepen heeft? Waar leid je dat uit af?',
      'Hoe is het tempo? Wordt de cliënt overvraagd (afhaken, vertragen) of ondervraagd (verveling, te weinig uitdaging)?',
    ],
    tips: [
      'Gebruik duidelijke taal en korte zinnen, en stel één heldere vraag tegelijk.',
      'Vermijd indirecte boodschappen, monologen en herhalingen; ga na of je boodschap is aangekomen.',
      'Blijf langer bij één onderwerp en houd het tempo erin, zonder te grote of te kleine denkstappen.',
      'Communiceer creatief, ook buiten de spreekkamer: samen iets doen, een opdrachtje, tekenen, een rollenspel.',
    ],
    aspects: [
      { id: 'monoloog', label: 'Monoloog' },
      { id: 'ping-pong', label: 'Ping-pongketen', hint: 'Meerdere beurten over één onderwerp.' },
      { id: 'onderwerpsprong', label: 'Onderwerpsprong', hint: 'Elke vraag een nieuw onderwerp.' },
      { id: 'overvraagd', label: 'Overvraagd', hint: 'Afhaken, vertragen.' },
      { id: 'ondervraagd', label: 'Ondervraagd', hint: 'Verveling, te weinig uitdaging.' },
      { id: 'invullen', label: 'Invullen voor de ander' },
    ],
    examples: [
      {
        kind: 'observation',
        valence: 'concern',
        text: 'De klantmanager stelt een vraag en vult het antwoord grotendeels zelf in. De cliënt zegt later dat hij geen tijd kreeg om te antwoorden.',
        origin: 'verhalen',
      },
    ],
    relatedThemeIds: ['echtheid', 'metacommunicatie'],
  },

  interventielogica: {
    id: 'interventielogica',
    label: 'Interventielogica (SLIM)',
    shortLabel: 'Interventielogica',
    question: 'Past de benadering bij het zelfbeeld van de cliënt?',
    description:
      'De benadering moet aansluiten bij hoe de cliënt zichzelf ziet; dan werkt de veronderstelde logica van actie en reactie. Past het niet, dan ontstaat er gedoe. Er zijn geen goede of slechte benaderingen, alleen passende en niet-passende.',
    color: '#6D4C41',
    source: 'both',
    group: 'specifiek',
    guidingQuestions: [
      'Wat zegt de cliënt, vaak impliciet, over zichzelf (zelfbeeld)?',
      'Wat is in essentie jouw rol in dit gesprek (rolopvatting)?',
      'Wie is er het hardst aan het werk in dit gesprek?',
      'Is er een patroon in hoe de cliënt op je reageert? Stroomt het of hapert het?',
      'Heb je bewust je benadering veranderd in het gesprek? Wat gebeurde er toen?',
    ],
    tips: [
      'Vraag wat de cliënt van het gesprek en van jou verwacht, en luister naar de behoefte erachter: een kans, iets leren, redding, of ruimte voor eigen plannen.',
      'Geef terug wat je tussen de regels door hoort, bijvoorbeeld: “je wilt graag een kans” of “je ziet het niet meer zitten”.',
      'Ga na hoe iemand in het leven staat, wat voor hem een goed leven is en of hij vertrouwt op eigen kunnen.',
      'Loopt het niet? Experimenteer met een andere rol en benadering.',
    ],
    aspects: [
      { id: 'leiden-volgen', label: 'Leiden of volgen' },
      { id: 'accepteren-veranderen', label: 'Accepteren of veranderen' },
      { id: 'ik-wij', label: 'Ik-ik of wij' },
      { id: 'positie', label: 'Positie ten opzichte van de cliënt', hint: 'Boven, gelijk of onder.' },
      { id: 'client-omgeving', label: 'Gericht op de cliënt of op diens omgeving' },
      { id: 'systeem-leefwereld', label: 'Systeem bepaalt of leefwereld bepaalt' },
      { id: 'richting', label: 'Richting van het traject', hint: 'Opleiding, werk of een “eigen ding”.' },
    ],
    examples: [
      {
        atSeconds: 489,
        kind: 'observation',
        valence: 'concern',
        text: 'De cliënt houdt een soort verkoopverhaal: hij wil een kans, terwijl de klantmanager op de rem staat. Wie is hier het hardst aan het werk?',
        origin: 'werkwijze',
      },
      {
        atSeconds: 124,
        kind: 'observation',
        valence: 'positive',
        text: 'De klantmanager vraagt de cliënt zelf het overtuigende verhaal voor de leidinggevende te schrijven. Kansen creëren sluit aan bij “ik wil en kan, geef me een kans”: de cliënt pakt het meteen op.',
        origin: 'werkwijze',
      },
    ],
    relatedThemeIds: ['gedoe', 'weerstand', 'beleving'],
  },

  gedoe: {
    id: 'gedoe',
    label: 'Gedoe in de interactie',
    shortLabel: 'Gedoe',
    question: 'Is er gedoe in het gesprek?',
    description:
      'Gedoe heeft vele vormen: het gesprek komt niet op gang, stagneert of draait in cirkels. Het komt ergens vandaan en beide partijen doen er iets in, of laten iets na. Daarom is het een goed beginpunt voor reflectie.',
    color: '#E65100',
    source: 'kijk-en-doe-wijzer',
    group: 'kernvraag',
    guidingQuestions: [
      'Waar komt het gesprek niet op gang, loopt het vast of draait het rond?',
      'Op welke momenten is er weerstand, afhaken of verstarring, en waar komt dat vandaan?',
      'Wat is het patroon in de interactie dat tot het gedoe leidt? Wat doe jij, wat doet de ander?',
      'Leidt het gesprek ergens toe? Worden er concrete acties afgesproken, met vertrouwen dat ze gebeuren?',
    ],
    tips: [
      'Zoek met de vier brillen (kader, echtheid, gezamenlijk doel en het hoe) waar het gedoe vandaan komt.',
      'Zoek het patroon, niet de schuldige: wat kun jij anders doen om het te doorbreken?',
      'Benoem wat je merkt en vraag hoe de ander het gesprek ervaart.',
    ],
    aspects: [
      { id: 'weerstand', label: 'Weerstand' },
      { id: 'afhaken', label: 'Afhaken' },
      { id: 'verstarring', label: 'Verstarring' },
      { id: 'stagnatie', label: 'Stagnatie', hint: 'Het gesprek komt niet verder of draait in cirkels.' },
      { id: 'welles-nietes', label: 'Welles-nietes' },
      { id: 'ja-nee', label: 'Ja zeggen, nee doen' },
    ],
    examples: [
      {
        kind: 'observation',
        valence: 'concern',
        text: 'Het gesprek van ruim een uur is vooral een discussie over wel of niet samen het rapport bekijken.',
        origin: 'verhalen',
      },
    ],
    relatedThemeIds: ['weerstand', 'interventielogica', 'kader'],
  },

  kader: {
    id: 'kader',
    label: 'Kader van het gesprek',
    shortLabel: 'Kader',
    question: 'Is er overeenstemming over dát we dit gesprek hebben, en waarom?',
    description:
      'Een gezamenlijk kader geeft richting: het bepaalt waar het gesprek wel en niet heen kan, wat er op het spel staat en hoe de rollen verdeeld zijn. Vaak blijft het kader impliciet. Gaan mensen met verschillende verwachtingen een gesprek in, dan ontstaat bijna altijd gedoe.',
    color: '#455A64',
    source: 'kijk-en-doe-wijzer',
    group: 'kernvraag',
    guidingQuestions: [
      'Zeggen beide partijen “ja” tegen dit gesprek? Is duidelijk wat voor gesprek het is en waarom jullie het hebben?',
      'Zijn jullie het eens over de situatie en over wat jullie samen gaan doen? Is er commitment van beide kanten?',
      'Wat staat er op het spel? Wie ben jij voor de cliënt, en wie is de cliënt voor jou?',
      'Is afgesproken waar het gesprek over gaat?',
    ],
    tips: [
      'Kies bewust een plek en vorm: spreekkamer, huisbezoek, beeldbellen, telefoon, app of buiten.',
      'Bedenk vooraf waarom je dit gesprek wilt en wat je ermee wilt bereiken, en maak duidelijk waar het toe kan leiden.',
      'Stem verwachtingen af: wat moet het gesprek voor jou opleveren, en wat voor de ander?',
      'Communiceer duidelijk en direct, zonder systeemtaal.',
    ],
    aspects: [
      { id: 'aanleiding', label: 'Aanleiding en soort gesprek', hint: 'Intake, voortgang, evaluatie, huisbezoek …' },
      { id: 'rollen', label: 'Rollen' },
      { id: 'op-het-spel', label: 'Wat er op het spel staat' },
      { id: 'vorm', label: 'Plek en vorm' },
      { id: 'verwachtingen', label: 'Verwachtingen afgestemd' },
    ],
    examples: [
      {
        kind: 'observation',
        valence: 'positive',
        text: 'Voordat het driegesprek verder gaat, verheldert de klantmanager eerst de rollen en waarom ze bij elkaar zitten.',
        origin: 'verhalen',
      },
    ],
    relatedThemeIds: ['doel', 'agenda', 'echtheid'],
  },
};

/** All themes in catalogue order (the order of `themeIds`). */
export const themes: readonly Theme[] = themeIds.map((id) => themeCatalogue[id]);

export function isThemeId(value: unknown): value is ThemeId {
  return typeof value === 'string' && (themeIds as readonly string[]).includes(value);
}

export function themeById(id: ThemeId): Theme {
  return themeCatalogue[id];
}

/** Lookup for ids read from documents or input: undefined for unknown ids. */
export function findTheme(id: string): Theme | undefined {
  return isThemeId(id) ? themeCatalogue[id] : undefined;
}

export function themesBySource(source: ThemeSource): readonly Theme[] {
  return themes.filter((t) => t.source === source);
}

export function themesByGroup(group: ThemeGroup): readonly Theme[] {
  return themes.filter((t) => t.group === group);
}
