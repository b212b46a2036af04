import { useEffect } from 'react';
import { t } from './i18n/nl.ts';

/** Sets the browser tab's title ("Mijn cycli · Kijkruimte"); screen readers announce it on navigation. */
export function useDocumentTitle(page: string | null): void {
  useEffect(() => {
    document.title = page === null ? t('app.name') : t('app.pageTitle', { page });
  }, [page]);
}
