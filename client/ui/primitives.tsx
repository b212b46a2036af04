/**
 * Small design-system primitives. They hold no app state and know nothing about documents or
 * collaboration; all text they show is passed in by the caller (from the catalogue).
 */
import type { ReactNode } from 'react';

export function Panel({ title, titleId, children, className }: {
  title?: string;
  titleId?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={['panel', className].filter(Boolean).join(' ')} aria-labelledby={titleId}>
      {title !== undefined && <h2 className="panel__title" id={titleId}>{title}</h2>}
      {children}
    </section>
  );
}

export type Tone = 'neutral' | 'positive' | 'warning' | 'danger';

/** A short status text with a coloured dot; the text carries the meaning, the colour supports it. */
export function StatusPill({ tone, children, ...rest }: {
  tone: Tone;
  children: ReactNode;
} & Record<`data-${string}`, string>) {
  return (
    <span className={`pill pill--${tone}`} {...rest}>
      <span className="pill__dot" aria-hidden="true" />
      {children}
    </span>
  );
}

export function Alert({ tone, children }: { tone: 'warning' | 'danger'; children: ReactNode }) {
  // role=alert is announced immediately; only for things the person has to act on.
  return <div className={`alert alert--${tone}`} role="alert">{children}</div>;
}

export function Swatch({ color }: { color: string }) {
  return <span className="swatch" style={{ backgroundColor: color }} aria-hidden="true" />;
}

export function Button({ children, type = 'button', variant = 'primary', disabled, onClick }: {
  children: ReactNode;
  type?: 'button' | 'submit';
  variant?: 'primary' | 'secondary';
  disabled?: boolean;
  onClick?: () => void;
}) {
  return (
    <button type={type} className={`button button--${variant}`} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}

export function AppShell({ appName, tagline, skipLabel, children }: {
  appName: string;
  tagline: string;
  skipLabel: string;
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <a className="skip-link" href="#inhoud">{skipLabel}</a>
      <header className="shell__header">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{appName}</span>
        </span>
        <span className="brand__tagline">{tagline}</span>
      </header>
      <main className="shell__main" id="inhoud" tabIndex={-1}>{children}</main>
    </div>
  );
}
