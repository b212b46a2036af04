/**
 * The Kijkwijzer beside the video: per theme the question, why it matters, what to look for
 * (kijkvragen), what to try (doe-tips) and the signals to notice; the five core questions of the
 * kijk-en-doe-wijzer; and the order of looking (first what goes well). Collapsible, so it stays out
 * of the way, and filterable by theme, so an analyst can keep one lens open while watching.
 */
import { useId, useState } from 'react';
import { analysisApproach } from '../../../shared/kijkwijzer/analysis.ts';
import { coreQuestions } from '../../../shared/kijkwijzer/core-questions.ts';
import { roles, selfImages, slimQuestions } from '../../../shared/kijkwijzer/slim.ts';
import { themeGroupLabels, themeGroups, themes, type Theme, type ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import { t } from '../../ui/i18n/nl.ts';
import { ThemeChip } from './ThemePicker.tsx';
import { useKindT } from '../cycles/kind.ts';

function ThemeCard({ theme, open, onUse }: { theme: Theme; open: boolean; onUse?: (id: ThemeId) => void }) {
  const t = useKindT();
  return (
    <details className="guide-theme" data-testid="guide-theme" data-theme={theme.id} open={open} style={{ borderLeftColor: theme.color }}>
      <summary className="guide-theme__summary">
        <span className="guide-theme__label">{theme.label}</span>
        <span className="guide-theme__question">{theme.question}</span>
      </summary>
      <p className="guide-theme__why">{theme.description}</p>
      <h4 className="guide__subheading">{t('analysis.guide.questions')}</h4>
      <ul className="guide__list">{theme.guidingQuestions.map((q) => <li key={q}>{q}</li>)}</ul>
      {theme.id === 'interventielogica' && (
        <>
          <h4 className="guide__subheading">{t('analysis.guide.slimSelfImage')}</h4>
          <ul className="guide__list">{selfImages.filter((s) => !s.isOther).map((s) => <li key={s.id}>{s.label}</li>)}</ul>
          <h4 className="guide__subheading">{t('analysis.guide.slimRole')}</h4>
          <ul className="guide__list">{roles.filter((r) => !r.isOther).map((r) => <li key={r.id}><strong>{r.label}</strong> — {r.focus}</li>)}</ul>
          <ul className="guide__list">{slimQuestions.map((q) => <li key={q}>{q}</li>)}</ul>
        </>
      )}
      {theme.aspects.length > 0 && (
        <>
          <h4 className="guide__subheading">{t('analysis.guide.aspects')}</h4>
          <ul className="guide__aspects">
            {theme.aspects.map((a) => <li key={a.id} title={a.hint}>{a.label}</li>)}
          </ul>
        </>
      )}
      <h4 className="guide__subheading">{t('analysis.guide.tips')}</h4>
      <ul className="guide__list">{theme.tips.map((tip) => <li key={tip}>{tip}</li>)}</ul>
      {onUse && (
        <button type="button" className="button button--secondary" data-testid="guide-use" onClick={() => onUse(theme.id)}>
          {t('analysis.guide.use', { theme: theme.shortLabel })}
        </button>
      )}
    </details>
  );
}

export function KijkwijzerGuide({ onUseTheme, defaultOpen = false }: {
  /** "Observatie met dit thema": starts an observation at the current moment with the theme. */
  onUseTheme?: (id: ThemeId) => void;
  defaultOpen?: boolean;
}) {
  const id = useId();
  const [focus, setFocus] = useState<ThemeId | null>(null);
  const shown = focus === null ? themes : themes.filter((x) => x.id === focus);
  return (
    <details className="guide" data-testid="kijkwijzer-guide" open={defaultOpen || undefined}>
      <summary className="guide__summary">{t('analysis.guide.summary')}</summary>
      <div className="guide__body">
        <ol className="guide__approach" aria-label={t('analysis.guide.approach')}>
          {analysisApproach.map((step) => <li key={step.step}><strong>{step.label}.</strong> {step.text}</li>)}
        </ol>
        <div className="guide__filter" role="group" aria-labelledby={`${id}-filter`}>
          <span className="field__label" id={`${id}-filter`}>{t('analysis.guide.filter')}</span>
          <button type="button" className="theme-chip" aria-pressed={focus === null} data-testid="guide-all" onClick={() => setFocus(null)}>
            {t('analysis.guide.all')}
          </button>
          {themes.map((theme) => (
            <ThemeChip key={theme.id} themeId={theme.id} pressed={focus === theme.id} onToggle={() => setFocus(focus === theme.id ? null : theme.id)} />
          ))}
        </div>
        {themeGroups.map((group) => {
          const inGroup = shown.filter((x) => x.group === group);
          if (inGroup.length === 0) return null;
          return (
            <section key={group} className="guide__group" aria-label={themeGroupLabels[group]}>
              <h3 className="guide__group-title">{themeGroupLabels[group]}</h3>
              {inGroup.map((theme) => <ThemeCard key={theme.id} theme={theme} open={focus === theme.id} onUse={onUseTheme} />)}
            </section>
          );
        })}
        {focus === null && (
          <details className="guide-theme guide-theme--core" data-testid="guide-core">
            <summary className="guide-theme__summary">
              <span className="guide-theme__label">{t('analysis.guide.core')}</span>
              <span className="guide-theme__question">{t('analysis.guide.coreHint')}</span>
            </summary>
            <ol className="guide__list">
              {coreQuestions.map((q) => (
                <li key={q.id}>
                  <strong>{q.question}</strong>
                  <ul className="guide__list">{q.subQuestions.map((s) => <li key={s}>{s}</li>)}</ul>
                </li>
              ))}
            </ol>
          </details>
        )}
      </div>
    </details>
  );
}
