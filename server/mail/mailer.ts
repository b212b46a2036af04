import type { Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Outgoing mail over SMTP (`KIJKRUIMTE_SMTP_URL`); absent when the installation has none.
 * nodemailer (~10 MB) is loaded with the first mail, not at start-up. */
export class Mailer {
  private transport: Promise<Transporter> | null = null;
  private closed = false;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  async send(msg: MailMessage): Promise<void> {
    this.transport ??= import('nodemailer').then((m) => m.default.createTransport(this.smtpUrl));
    const transport = await this.transport;
    if (this.closed) throw new Error('mailer closed');
    await transport.sendMail({ from: this.from, to: msg.to, subject: msg.subject, text: msg.text });
  }

  close(): void {
    this.closed = true;
    void this.transport?.then((t) => t.close());
  }
}

export type LinkPurpose = 'invite' | 'reset';

/** The Dutch mails; the link is the only secret in them and expires (invite 7 days, reset 1 hour). */
export function linkMail(purpose: LinkPurpose, to: { email: string; name: string }, link: string, invitedBy: string | undefined, validity: string): MailMessage {
  if (purpose === 'invite') {
    return {
      to: to.email,
      subject: 'Uitnodiging voor Kijkruimte',
      text: [
        `Beste ${to.name},`,
        '',
        `${invitedBy ? `${invitedBy} nodigt je uit` : 'Je bent uitgenodigd'} voor Kijkruimte, de plek waar we samen terugkijken naar gesprekken (video-reflectie).`,
        `Kies met deze link zelf een wachtwoord (eenmalig te gebruiken, ${validity} geldig):`,
        '',
        link,
        '',
        'Verwachtte je deze uitnodiging niet? Dan kun je dit bericht negeren.',
      ].join('\n'),
    };
  }
  return {
    to: to.email,
    subject: 'Wachtwoord herstellen in Kijkruimte',
    text: [
      `Beste ${to.name},`,
      '',
      'Met deze link kies je een nieuw wachtwoord voor Kijkruimte (eenmalig te gebruiken, ${validity} geldig):',
      '',
      link,
      '',
      'Vroeg je dit niet aan? Dan kun je dit bericht negeren; je wachtwoord blijft dan hetzelfde.',
    ].join('\n'),
  };
}

/**
 * Delivers a one-time link: by mail when SMTP is configured, otherwise not at all here (the
 * caller shows it to the beheerder once). The link goes to the log only at debug level, so an
 * ordinary log never holds a usable token.
 */
export async function deliverLink(
  mailer: Mailer | null,
  log: FastifyBaseLogger,
  purpose: LinkPurpose,
  to: { email: string; name: string },
  link: string,
  opts: { invitedBy?: string; validity: string },
): Promise<'mail' | 'none'> {
  log.debug({ purpose, to: to.email, link }, 'one-time link');
  if (!mailer) return 'none';
  try {
    await mailer.send(linkMail(purpose, to, link, opts.invitedBy, opts.validity));
    return 'mail';
  } catch (err) {
    // The mail server's refusal is an operational error; the address is not secret, the link is.
    log.error({ err: err instanceof Error ? err.message : String(err), purpose, to: to.email }, 'mail not sent');
    return 'none';
  }
}
