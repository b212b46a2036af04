/**
 * Exporting a whole cycle: Word (DOCX), Markdown, or a page to print, in a small menu beside the
 * cycle's title. Plain same-origin links, so the session cookie goes along and the browser saves
 * the file itself; the server audits every export and leaves out what the client's consent does
 * not cover. Exports never contain video.
 */
import { useEffect, useRef, useState } from 'react';
import { exportUrls } from '../../api/reflection.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { t } from '../../ui/i18n/nl.ts';
import '../reflection/reflection.css';

export function ExportButtons({ cycleId }: { cycleId: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const close = (): void => {
    if (ref.current) ref.current.open = false;
  };
  useEffect(() => {
    // Like any menu: a click elsewhere or Escape closes it (focus back on its button).
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      if (!(event.target instanceof Node) || !ref.current?.contains(event.target)) close();
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      close();
      ref.current?.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <details ref={ref} className="export-menu" data-testid="export" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="button button--secondary" data-testid="export-open">{t('export.open')}</summary>
      {/* Choosing an export closes the menu; the download or the print page follows. */}
      <div className="export-menu__list" role="group" aria-label={t('export.group')} onClick={close}>
        <a className="export-menu__item" href={exportUrls.docx(cycleId)} download data-testid="export-docx">{t('export.docx')}</a>
        <a className="export-menu__item" href={exportUrls.markdown(cycleId)} download data-testid="export-markdown">{t('export.markdown')}</a>
        <Link className="export-menu__item" href={paths.cyclePrint(cycleId)} data-testid="export-print">{t('export.print')}</Link>
        <p className="export-menu__hint">{t('export.hint')}</p>
      </div>
    </details>
  );
}
