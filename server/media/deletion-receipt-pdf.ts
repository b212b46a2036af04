import { deletionReceiptLines, deletionReceiptText } from '../../shared/domain/deletion-receipt-text.ts';
import type { DeletionReceipt } from '../../shared/protocol/delete-cycle.ts';
import { pdfDateTime, pdfHeading, renderPdf } from '../portal/pdf.ts';

/**
 * The receipt of a deleted cycle (DELETE-2) as a PDF: the same words and counts as the receipt
 * page (`shared/domain/deletion-receipt-text.ts`), drawn like the portal's erasure receipt.
 */
export function deletionReceiptPdf(receipt: DeletionReceipt): Promise<Buffer> {
  return renderPdf((doc) => {
    doc.font('Helvetica-Bold').fontSize(18).text(deletionReceiptText.title);
    doc.font('Helvetica').fontSize(11).text(deletionReceiptText.intro, { paragraphGap: 6 });
    doc.text(`${deletionReceiptText.number}: ${receipt.receipt}`).text(`${deletionReceiptText.when}: ${pdfDateTime(receipt.deletedAt)}`);
    pdfHeading(doc, 'Wat is gewist', 12);
    for (const [key, label] of deletionReceiptLines) doc.text(`• ${label}: ${receipt.erased[key]}`, { paragraphGap: 3 });
    pdfHeading(doc, deletionReceiptText.remains, 11);
  }, `${deletionReceiptText.title} ${receipt.receipt}`);
}
