/**
 * The last step of a cycle: exporting it. The same three exports as the menu beside the title
 * (Word, Markdown, print page), shown as a step so the cycle page ends where the method ends.
 */
import { exportUrls } from '../../api/reflection.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { useKindT } from '../cycles/kind.ts';

export function ExportStep({ cycleId }: { cycleId: string }) {
  const t = useKindT();
  return (
    <section className="panel" aria-labelledby="export-step-heading" data-testid="export-step">
      <h2 className="panel__title" id="export-step-heading">{t('export.stepHeading')}</h2>
      <p>{t('export.stepIntro')}</p>
      <ul className="export-step__list">
        <li><a href={exportUrls.docx(cycleId)} download data-testid="export-step-docx">{t('export.docx')}</a></li>
        <li><a href={exportUrls.markdown(cycleId)} download data-testid="export-step-markdown">{t('export.markdown')}</a></li>
        <li><Link href={paths.cyclePrint(cycleId)} data-testid="export-step-print">{t('export.print')}</Link></li>
      </ul>
    </section>
  );
}
