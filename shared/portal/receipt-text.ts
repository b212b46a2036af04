import type { ErasureReceipt, ErasureScope, ReceiptPart } from './protocol.ts';

/** The erasure receipt's words (PORTAL-7), shared by the portal page and the PDF. */
export const receiptTitle = 'Bewijs van wissen';

export const receiptPartLabels: Record<ReceiptPart, string> = {
  media: 'De video-opname (beeld en geluid)',
  key: 'De sleutel waarmee de opname was beveiligd',
  transcript: 'De uitgeschreven tekst van het gesprek',
  consentForm: 'De scan van het getekende formulier',
  notes: 'Aantekeningen waarin u wordt geciteerd',
};

export function receiptRemains(scope: ErasureScope): string[] {
  const common = [
    'Dat u toestemming gaf en die weer introk, met de datums. Zo kunnen we laten zien dat we uw keuze hebben gevolgd.',
    'Dit bewijs. U kunt het later nakijken met uw code.',
  ];
  return scope === 'media'
    ? ['De aantekeningen over het gesprek, zonder beeld en geluid.', ...common]
    : ['Van aantekeningen over het gesprek alleen de tijdstippen en thema’s, zonder tekst.', ...common];
}

export const receiptIntro = 'U heeft uw toestemming helemaal ingetrokken. Dit is gewist:';
/** The intro of a receipt the retention sweep issued (RETAIN-1). */
export const retentionReceiptIntro = 'De opname is zo lang bewaard als op het formulier stond. Daarna hebben we gewist:';

/** The receipt's intro, by why it was erased. */
export function receiptIntroOf(receipt: Pick<ErasureReceipt, 'reason'>): string {
  return receipt.reason === 'retention' ? retentionReceiptIntro : receiptIntro;
}

/** What stays after the retention date passed: the notes without media, as after a withdrawal of the media. */
export function retentionRemains(): string[] {
  return [
    'De aantekeningen over het gesprek, zonder beeld en geluid.',
    'Welke toestemming u gaf, met de datums, en dat de bewaartermijn voorbij was.',
    'Dit bewijs. U kunt het later nakijken met uw code.',
  ];
}
export const receiptRemainsHeading = 'Dit blijft bewaard:';

/** What replaces a text that quoted the client after "erase everything" (time codes and themes stay). */
export const erasedQuotePlaceholder = '[Tekst gewist op verzoek van de cliënt]';
