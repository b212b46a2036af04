import type { ClientFormText } from '../../../shared/portal/form-text.ts';
import { QrCode } from './QrCode.tsx';

/** The folder and form as one printable document (FORM-1); the text comes from `shared/portal/form-text.ts`. */
export function FormDocument({ form }: { form: ClientFormText }) {
  const box = (on: boolean | null) => (
    <>
      <span aria-hidden="true">{on === true ? '☒' : '☐'}</span>
      <span className="visually-hidden">{on === true ? 'aangekruist' : 'open vakje'}</span>
    </>
  );
  return (
    <article className="client-form" data-testid="client-form" lang="nl">
      <header>
        <h1 className="client-form__title">{form.title}</h1>
        <p className="client-form__subtitle">{form.subtitle}</p>
      </header>
      {form.folder.map((section) => (
        <section key={section.heading} className="client-form__section">
          <h2>{section.heading}</h2>
          {section.paragraphs.map((p) => <p key={p}>{p}</p>)}
        </section>
      ))}
      <section className="client-form__section client-form__form">
        <h2>{form.formHeading}</h2>
        <p>{form.formIntro}</p>
        <table className="client-form__uses">
          <thead>
            <tr><th scope="col">Waar geeft u toestemming voor?</th><th scope="col">{form.yes}</th><th scope="col">{form.no}</th></tr>
          </thead>
          <tbody>
            {form.uses.map((u) => (
              <tr key={u.use} data-use={u.use}>
                <td><strong>{u.question}</strong><br /><span className="client-form__who">Wie kijkt: {u.who}</span></td>
                <td className="client-form__box">{box(u.granted === null ? null : u.granted)}</td>
                <td className="client-form__box">{box(u.granted === null ? null : !u.granted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="client-form__signatures">
          {form.signatures.map((s) => (
            <div key={s.role} className="client-form__signature">
              <h3>{s.role}</h3>
              {s.lines.map((line) => <p key={line} className="client-form__line">{line}:</p>)}
            </div>
          ))}
        </div>
      </section>
      <section className="client-form__section client-form__code">
        <h2>{form.codeHeading}</h2>
        {form.codeParagraphs.map((p) => <p key={p}>{p}</p>)}
        <div className="client-form__code-row">
          <p className="client-form__code-text" data-testid="client-code">{form.code}</p>
          <QrCode text={form.portalUrl} label={`QR-code naar uw persoonlijke pagina met uw code ${form.code}`} />
        </div>
      </section>
    </article>
  );
}
