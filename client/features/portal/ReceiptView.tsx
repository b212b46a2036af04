import { useState } from 'react';
import type { ErasureReceipt } from '../../../shared/portal/protocol.ts';
import { receiptIntroOf, receiptPartLabels, receiptRemainsHeading, receiptTitle } from '../../../shared/portal/receipt-text.ts';
import { isApiError } from '../../api/http.ts';
import { downloadReceiptPdf } from '../../api/portal.ts';
import { Alert, Button } from '../../ui/primitives.tsx';
import { errorMessage } from '../../ui/i18n/nl.ts';
import { formatDay, formatMoment } from './format.ts';

/** The erasure receipt (PORTAL-7): number, what was erased and when, what remains; also as a PDF. */
export function ReceiptView({ receipt, onBack }: { receipt: ErasureReceipt; onBack: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadReceiptPdf(receipt.number);
    } catch (e) {
      setError(errorMessage(isApiError(e) ? e.code : 'unexpected_response'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page page--narrow portal" data-testid="portal-receipt">
      <h1 className="page__title">{receiptTitle}</h1>
      <dl className="portal__facts">
        <dt>Nummer</dt><dd data-testid="receipt-number">{receipt.number}</dd>
        <dt>Opname</dt><dd>{receipt.recordingLabel}</dd>
        <dt>Datum</dt><dd>{formatDay(receipt.issuedAt)}</dd>
      </dl>
      <section aria-labelledby="receipt-erased">
        <h2 id="receipt-erased" className="portal__heading">{receiptIntroOf(receipt)}</h2>
        <ul className="portal__list">
          {receipt.erased.map((e) => (
            <li key={e.part}>{receiptPartLabels[e.part]}{e.count > 1 ? ` (${e.count})` : ''} — gewist op {formatMoment(e.at)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="receipt-remains">
        <h2 id="receipt-remains" className="portal__heading">{receiptRemainsHeading}</h2>
        <ul className="portal__list">{receipt.remains.map((r) => <li key={r}>{r}</li>)}</ul>
      </section>
      {error !== null && <Alert tone="danger">{error}</Alert>}
      <div className="portal__buttons">
        <Button onClick={() => void download()} busy={busy} data-testid="receipt-download">Bewijs downloaden (PDF)</Button>
        <Button variant="secondary" onClick={onBack}>Terug naar het overzicht</Button>
      </div>
    </div>
  );
}
