/**
 * Small design-system primitives. They hold no app state and know nothing about cycles or
 * collaboration; all text they show is passed in by the caller (from the catalogue).
 */
import { useEffect, useId, useRef, type ReactNode, type Ref } from 'react';

export function Panel({ title, titleId, children, className, ...rest }: {
  title?: string;
  titleId?: string;
  children: ReactNode;
  className?: string;
} & Record<`data-${string}`, string>) {
  const generatedId = useId();
  const headingId = title === undefined ? undefined : (titleId ?? generatedId);
  return (
    <section className={['panel', className].filter(Boolean).join(' ')} aria-labelledby={headingId} {...rest}>
      {title !== undefined && <h2 className="panel__title" id={headingId}>{title}</h2>}
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

export function Alert({ tone, children, ...rest }: { tone: 'warning' | 'danger'; children: ReactNode } & Record<`data-${string}`, string>) {
  // role=alert is announced immediately; only for things the person has to act on.
  return <div className={`alert alert--${tone}`} role="alert" {...rest}>{children}</div>;
}

/** A quiet confirmation that something worked; announced politely. */
export function Notice({ children, ...rest }: { children: ReactNode } & Record<`data-${string}`, string>) {
  return <div className="notice" role="status" {...rest}>{children}</div>;
}

export function Swatch({ color }: { color: string }) {
  return <span className="swatch" style={{ backgroundColor: color }} aria-hidden="true" />;
}

export function Button({ children, type = 'button', variant = 'primary', disabled, busy = false, onClick, buttonRef, ...rest }: {
  children: ReactNode;
  type?: 'button' | 'submit';
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  disabled?: boolean;
  /** While a request runs: not clickable again, and announced as busy. */
  busy?: boolean;
  onClick?: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
} & Record<`data-${string}` | `aria-${string}`, string>) {
  return (
    <button
      ref={buttonRef}
      type={type}
      className={`button button--${variant}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      onClick={onClick}
      {...rest}
    >
      {children}
    </button>
  );
}

/**
 * A labelled form field with an optional hint and error. The error is tied to the input with
 * aria-describedby and aria-invalid, so screen readers read it when the field gets focus.
 */
export function Field({ label, hint, error, children }: {
  label: string;
  hint?: string;
  error?: string | null;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>{label}</label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
      {hint && <p className="field__hint" id={hintId}>{hint}</p>}
      {error && <p className="field__error" id={errorId}>{error}</p>}
    </div>
  );
}

/**
 * A modal confirmation built on the native <dialog>: focus moves into it and is trapped there,
 * Escape cancels, and focus returns to where it was afterwards.
 */
export function ConfirmDialog({ open, title, body, confirmLabel, cancelLabel, busy = false, onConfirm, onCancel }: {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 className="dialog__title" id={titleId}>{title}</h2>
      <div className="dialog__body" id={bodyId}>{body}</div>
      <div className="dialog__actions">
        {/* Cancel first in the tab order and focused on open: the safe choice is the default. */}
        <Button variant="secondary" onClick={onCancel} disabled={busy}>{cancelLabel}</Button>
        <Button variant="danger" onClick={onConfirm} busy={busy}>{confirmLabel}</Button>
      </div>
    </dialog>
  );
}

export function AppShell({ appName, tagline, skipLabel, header, children }: {
  appName: string;
  tagline: string;
  skipLabel: string;
  /** Navigation and account controls, when someone is logged in. */
  header?: ReactNode;
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
        {header !== undefined && <div className="shell__header-end">{header}</div>}
      </header>
      <main className="shell__main" id="inhoud" tabIndex={-1}>{children}</main>
    </div>
  );
}
