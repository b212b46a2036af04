import type { DeletionReceipt } from '../protocol/delete-cycle.ts';

/**
 * The words of the receipt for a deleted cycle (DELETE-1, DELETE-2), once for the receipt page
 * (client catalogue `deleteCycle.receipt.*`) and its PDF (server), so both say the same.
 */
export const deletionReceiptText = {
  title: 'Bewijs van verwijdering',
  intro: 'De cyclus is verwijderd, met alles erin. Bewaar dit bewijs: het nummer staat ook in het toegangslogboek van de organisatie.',
  number: 'Nummer',
  when: 'Verwijderd op',
  remains: 'Wat blijft: één regel in het toegangslogboek met dit nummer, de datum en deze aantallen. Geen titel, geen namen van de cliënt, geen tekst en geen beeld.',
} as const;

/** The counted parts, in the order the receipt lists them. */
export const deletionReceiptLines: readonly (readonly [keyof DeletionReceipt['erased'], string])[] = [
  ['recordings', 'Opnames'],
  ['mediaFiles', 'Bestanden gewist (video’s en formulieren, met hun sleutels)'],
  ['transcripts', 'Transcripten'],
  ['consentEvents', 'Regels uit de toestemmingsgeschiedenis'],
  ['documents', 'Opgeslagen wijzigingen van de documenten (gedeeld, interview, eigen lagen)'],
  ['members', 'Deelnemers (alleen hun toegang; hun accounts blijven)'],
  ['links', 'Links voor de cliënt'],
];
