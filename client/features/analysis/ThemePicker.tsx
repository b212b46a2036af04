/**
 * Choosing Kijkwijzer themes: toggle chips in the theme's own colour (the colour the timeline
 * uses), grouped as the Kijkwijzer groups them. Pressed state is carried by aria-pressed, not by
 * colour alone.
 */
import { themeGroupLabels, themeGroups, themes, type ThemeId } from '../../../shared/kijkwijzer/themes.ts';
import { t } from '../../ui/i18n/nl.ts';

export function ThemeChip({ themeId, pressed, disabled, onToggle }: { themeId: ThemeId; pressed: boolean; disabled?: boolean; onToggle: () => void }) {
  const theme = themes.find((x) => x.id === themeId)!;
  return (
    <button
      type="button"
      className="theme-chip"
      data-testid="theme-chip"
      data-theme={theme.id}
      aria-pressed={pressed}
      disabled={disabled && !pressed}
      title={theme.question}
      style={{ ['--theme-color' as string]: theme.color }}
      onClick={onToggle}
    >
      <span className="theme-chip__dot" aria-hidden="true" />
      {theme.shortLabel}
    </button>
  );
}

/** Several themes (an observation can touch more than one); `max` limits the choice. */
export function ThemePicker({ label, value, onChange, max, error }: {
  label: string;
  value: readonly ThemeId[];
  onChange: (next: ThemeId[]) => void;
  max?: number;
  error?: string | null;
}) {
  const full = max !== undefined && value.length >= max;
  const toggle = (id: ThemeId): void => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <fieldset className="theme-picker" data-testid="theme-picker" aria-invalid={error ? true : undefined}>
      <legend className="field__label">{label}</legend>
      {themeGroups.map((group) => (
        <div key={group} className="theme-picker__group" role="group" aria-label={themeGroupLabels[group]}>
          {themes.filter((x) => x.group === group).map((theme) => (
            <ThemeChip key={theme.id} themeId={theme.id} pressed={value.includes(theme.id)} disabled={full} onToggle={() => toggle(theme.id)} />
          ))}
        </div>
      ))}
      {full && <p className="field__hint">{t('analysis.themes.max', { max: max! })}</p>}
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}

/** Small coloured theme labels on an observation. */
export function ThemeTags({ ids }: { ids: readonly ThemeId[] }) {
  if (ids.length === 0) return null;
  return (
    <span className="theme-tags">
      {ids.map((id) => {
        const theme = themes.find((x) => x.id === id);
        return theme ? <span key={id} className="theme-tag" data-theme={id} style={{ ['--theme-color' as string]: theme.color }}>{theme.shortLabel}</span> : null;
      })}
    </span>
  );
}
