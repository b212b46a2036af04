import type { ConsentDecisions, ConsentUse } from '../domain/consent.ts';
import { askedUses, defaultCycleKind, kindProfile, type CycleKind } from '../domain/cycle-kinds.ts';
import type { ClientFormWords } from '../domain/cycle-kind-texts.ts';
import { formatClientCode } from './code.ts';

/**
 * The client's consent form and folder (FORM-1), written once here in Dutch at B1 level, after the
 * seed's form and folder (`002_*`, `003_*` appendix): learning only, never evidence, no effect on
 * benefits, who may watch per use, how long it is kept, and stepping out at any time. The print
 * page and the PDF both render exactly this.
 */
export interface ClientFormInput {
  recordingLabel: string;
  /** ISO date (YYYY-MM-DD) the recording is erased, or null when not yet agreed. */
  retentionUntil: string | null;
  /** Decisions already recorded (ticked on the form), or null for an empty form to fill in. */
  decisions: ConsentDecisions | null;
  /** The bare client code. */
  code: string;
  /** The portal's address with the code in its fragment (what the QR code holds). */
  portalUrl: string;
  /** The portal's address without the code (printed for typing). */
  portalBaseUrl: string;
}

export interface ClientFormSection {
  heading: string;
  paragraphs: string[];
}

export interface ClientFormUse {
  use: ConsentUse;
  /** What the client says yes or no to. */
  question: string;
  /** Who then watches, in plain words. */
  who: string;
  /** true/false when already recorded, null when the client ticks it on paper. */
  granted: boolean | null;
}

export interface ClientFormText {
  title: string;
  subtitle: string;
  folder: ClientFormSection[];
  formHeading: string;
  formIntro: string;
  uses: ClientFormUse[];
  yes: string;
  no: string;
  signatures: { role: string; lines: string[] }[];
  codeHeading: string;
  codeParagraphs: string[];
  code: string;
  portalUrl: string;
}

/** Per use: what is asked and who then watches, in the words of the cycle's kind (KIND-3). */
function useText(w: ClientFormWords): Record<ConsentUse, { question: string; who: string }> {
  const Peers = `${w.peers.charAt(0).toUpperCase()}${w.peers.slice(1)}`;
  return {
    own: {
      question: `Mijn ${w.professional} mag de opname zelf terugkijken om ervan te leren.`,
      who: `Alleen uw ${w.professional}.`,
    },
    researchers: {
      question: 'Onderzoekers of een coach mogen de opname bekijken.',
      who: `Uw ${w.professional} en de onderzoekers of coach van het project. Zij geven tips aan de ${w.professional}.`,
    },
    colleagues: {
      question: `Collega’s van mijn ${w.professional} mogen de opname samen bekijken (intervisie).`,
      who: `Een klein groepje ${w.peers} dat samen leert van gesprekken.`,
    },
    training: {
      question: `Stukjes van de opname mogen worden gebruikt in een training voor ${w.peers}.`,
      who: `${Peers} in een training van de organisatie. Niet buiten de organisatie.`,
    },
    clientInterview: {
      question: 'Een onderzoeker mag mij vragen om een gesprek over dit gesprek.',
      who: 'Een onderzoeker neemt contact met u op. U mag dan nog steeds nee zeggen.',
    },
  };
}

/** "3 december 2026" for an ISO date, without depending on the runtime's locale data. */
export function dutchDate(iso: string): string {
  const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1] ?? ''} ${y}`;
}

/** The folder and form for the other person in a cycle of `kind` (default: a client). */
export function clientFormText(input: ClientFormInput, kind: CycleKind = defaultCycleKind): ClientFormText {
  const w = kindProfile(kind).words.clientForm;
  const pro = w.professional;
  const retention = input.retentionUntil
    ? `We bewaren de opname tot ${dutchDate(input.retentionUntil)}. Daarna wissen we hem vanzelf.`
    : `We bewaren de opname niet langer dan nodig. Uw ${pro} vult hieronder de datum in waarop we hem wissen: ____________________.`;
  const uses = useText(w);
  return {
    title: 'Video-opname van uw gesprek',
    subtitle: `Folder en toestemmingsformulier — ${input.recordingLabel}`,
    folder: [
      {
        heading: 'Waarom vragen we dit?',
        paragraphs: [
          `Uw ${pro} wil leren om betere gesprekken te voeren. Daarom vragen we of we het gesprek met u op video mogen opnemen.`,
          `Door het gesprek terug te kijken, ziet uw ${pro} wat goed gaat en wat beter kan.`,
        ],
      },
      {
        heading: 'Wat nemen we op?',
        paragraphs: [
          `We nemen beeld en geluid op van het gesprek tussen u en uw ${pro}. Soms schrijven we ook uit wat er is gezegd. Meer niet.`,
        ],
      },
      {
        heading: 'Waar gebruiken we het voor?',
        paragraphs: [
          `Alleen om van te leren. De opname is nooit bewijs: niet tegen u en niet tegen uw ${pro}.`,
          `${w.noEffect} U mag ook nee zeggen. Dat heeft geen gevolgen voor u.`,
        ],
      },
      {
        heading: 'Wie mag de opname zien?',
        paragraphs: ['Dat bepaalt u zelf. Op het formulier kiest u per gebruik ja of nee. Zonder uw ja kijkt niemand anders mee.'],
      },
      {
        heading: 'Hoe lang bewaren we de opname?',
        paragraphs: [retention, 'De opname staat versleuteld op een beveiligde plek en gaat niet buiten de organisatie.'],
      },
      {
        heading: 'Wilt u stoppen?',
        paragraphs: [
          `Dat mag altijd, ook later. U kunt één gebruik stoppen of alles. Dat kan op de website met uw persoonlijke code, of bij uw ${pro}.`,
          'Het kijken stopt dan meteen. Stopt u alles, dan wissen we de opname. U kunt ook kiezen dat we alle aantekeningen wissen waarin u wordt geciteerd. U krijgt een bewijs dat het is gewist.',
        ],
      },
    ],
    formHeading: 'Toestemmingsformulier',
    formIntro: 'Kruis per regel ja of nee aan. U mag later altijd van gedachten veranderen.',
    // Only what this kind of cycle asks (KIND-2: no interview question for a colleague).
    uses: askedUses(kind).map((use) => ({ use, ...uses[use], granted: input.decisions ? input.decisions[use] : null })),
    yes: 'ja',
    no: 'nee',
    signatures: [
      { role: w.otherSignature, lines: ['Naam', 'Datum', 'Handtekening'] },
      { role: w.professionalSignature, lines: ['Naam', 'Datum', 'Handtekening'] },
    ],
    codeHeading: 'Uw persoonlijke code',
    codeParagraphs: [
      `Met deze code kijkt u op ${input.portalBaseUrl} wie de opname heeft bekeken en wanneer. Daar kunt u ook uw toestemming intrekken. U kunt ook de QR-code scannen met uw telefoon.`,
      `Bewaar de code goed en geef hem aan niemand. Kwijt? Vraag uw ${pro} om een nieuwe code. De oude code werkt dan niet meer.`,
    ],
    code: formatClientCode(input.code),
    portalUrl: input.portalUrl,
  };
}
