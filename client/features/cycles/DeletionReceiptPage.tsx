import { deletionReceiptPdfUrl, fetchDeletionReceipt } from '../../api/index.ts';
import { deletionReceiptLines } from '../../../shared/domain/deletion-receipt-text.ts';
import { useResource } from '../../api/useResource.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Alert } from '../../ui/primitives.tsx';
import { errorMessage, t } from '../../ui/i18n/nl.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';

/** Route `/verwijderd/:receipt`: proof of a deleted cycle, printable, without any of its content (DELETE-1). */
export function DeletionReceiptPage({ receipt }: { receipt: string }) {
  useDocumentTitle(t('deleteCycle.receipt.title'));
  const [found] = useResource(() => fetchDeletionReceipt(receipt), `receipt:${receipt}`);
  return (
    <div className="page page--narrow" data-testid="deletion-receipt">
      <h1 className="page__title">{t('deleteCycle.receipt.title')}</h1>
      {found.status === 'loading' && <p className="page__loading" aria-busy="true">{t('app.loading')}</p>}
      {found.status === 'error' && <Alert tone="danger">{errorMessage(found.error.code)}</Alert>}
      {found.status === 'ready' && (
        <>
          <p>{t('deleteCycle.receipt.intro')}</p>
          <dl className="consent-summary__details">
            <div><dt>{t('deleteCycle.receipt.number')}</dt><dd data-testid="receipt-number">{found.data.receipt}</dd></div>
            <div><dt>{t('deleteCycle.receipt.when')}</dt><dd>{formatDateTime(found.data.deletedAt)}</dd></div>
            {deletionReceiptLines.map(([key, label]) => (
              <div key={key}><dt>{label}</dt><dd data-testid={`receipt-${key}`}>{found.data.erased[key]}</dd></div>
            ))}
          </dl>
          <p>{t('deleteCycle.receipt.remains')}</p>
          {/* DELETE-2: the same receipt as a PDF, to file; served only to whoever deleted. */}
          <p><a href={deletionReceiptPdfUrl(found.data.receipt)} download data-testid="receipt-pdf">{t('deleteCycle.receipt.pdf')}</a></p>
          <p><Link href={paths.cycles}>{t('deleteCycle.receipt.back')}</Link></p>
        </>
      )}
    </div>
  );
}
