import type { ClientFormText } from '../../shared/portal/form-text.ts';
import type { ErasureReceipt } from '../../shared/portal/protocol.ts';
import { receiptIntroOf, receiptPartLabels, receiptRemainsHeading, receiptTitle } from '../../shared/portal/receipt-text.ts';

/** pdfkit (with its fonts) and the QR encoder cost ~25 MB once loaded: they load on the first
 * PDF, not at start-up (OPS-4). */
const loadPdfKit = () => import('pdfkit').then((m) => m.default);
const loadQr = () => import('../../shared/portal/qr.ts');

/** An A4 PDF drawn by `draw` (shared by the portal's documents and the deletion receipt). */
export async function renderPdf(draw: (doc: PDFKit.PDFDocument) => void, title: string): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Author: 'Kijkruimte' }, lang: 'nl-NL', displayTitle: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

export const pdfHeading = (doc: PDFKit.PDFDocument, text: string, size = 13) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text).font('Helvetica').fontSize(11);

/** The folder and form (FORM-2) as a PDF: the same text as the print page, from `shared/portal/form-text.ts`. */
export async function clientFormPdf(form: ClientFormText): Promise<Buffer> {
  const { qrPath } = await loadQr();
  return renderPdf((doc) => {
    doc.font('Helvetica-Bold').fontSize(18).text(form.title);
    doc.font('Helvetica').fontSize(11).text(form.subtitle);
    for (const section of form.folder) {
      pdfHeading(doc, section.heading);
      for (const p of section.paragraphs) doc.text(p, { paragraphGap: 4 });
    }
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(16).text(form.formHeading);
    doc.font('Helvetica').fontSize(11).text(form.formIntro).moveDown(0.5);
    for (const u of form.uses) {
      const mark = (on: boolean | null) => (on === null ? '[  ]' : on ? '[X]' : '[  ]');
      doc.font('Helvetica-Bold').text(u.question);
      doc.font('Helvetica').text(`Wie kijkt: ${u.who}`);
      doc.text(`${mark(u.granted === null ? null : u.granted)} ${form.yes}     ${mark(u.granted === null ? null : !u.granted)} ${form.no}`, { paragraphGap: 6 });
    }
    for (const s of form.signatures) {
      pdfHeading(doc, s.role, 12);
      for (const line of s.lines) doc.text(`${line}: ______________________________________`, { paragraphGap: 8 });
    }
    doc.addPage();
    pdfHeading(doc, form.codeHeading, 16);
    for (const p of form.codeParagraphs) doc.text(p, { paragraphGap: 4 });
    doc.moveDown(0.5).font('Courier-Bold').fontSize(16).text(form.code).font('Helvetica').fontSize(11);
    // The QR code holds the portal address with the code in its fragment.
    const qr = qrPath(form.portalUrl);
    const side = 160;
    const x = doc.page.margins.left;
    const y = doc.y + 12;
    doc.save().translate(x, y).scale(side / (qr.size + 8)).translate(4, 4).path(qr.path).fill('#000').restore();
    doc.y = y + side + 8;
  }, form.title);
}

export const pdfDateTime = (ms: number) =>
  new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(ms));

/** The erasure receipt (PORTAL-7) as a PDF. */
export function receiptPdf(receipt: ErasureReceipt): Promise<Buffer> {
  return renderPdf((doc) => {
    doc.font('Helvetica-Bold').fontSize(18).text(receiptTitle);
    doc.font('Helvetica').fontSize(11).text(`Nummer: ${receipt.number}`).text(`Opname: ${receipt.recordingLabel}`).text(`Datum: ${pdfDateTime(receipt.issuedAt)}`);
    pdfHeading(doc, receiptIntroOf(receipt), 12);
    for (const e of receipt.erased) doc.text(`• ${receiptPartLabels[e.part]}${e.count > 1 ? ` (${e.count})` : ''} — gewist op ${pdfDateTime(e.at)}`, { paragraphGap: 3 });
    pdfHeading(doc, receiptRemainsHeading, 12);
    for (const r of receipt.remains) doc.text(`• ${r}`, { paragraphGap: 3 });
  }, `${receiptTitle} ${receipt.number}`);
}
