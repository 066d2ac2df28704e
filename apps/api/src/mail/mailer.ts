import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox row, so a retried send can be recognised as the same message. */
  messageId: string;
  headers: Record<string, string>;
}

export interface Mailer {
  /** `smtp` when SMTP_URL is set, else `file`: each message becomes an .eml file. */
  readonly mode: 'smtp' | 'file';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl?: string | undefined;
  from: string;
  /** Where `.eml` files go without SMTP (`<PARVIS_DATA_DIR>/mail`). */
  folder: string;
  log: (message: string, details?: Record<string, unknown>) => void;
}

export function createMailer(options: MailerOptions): Mailer {
  const message = (mail: OutgoingMail) => ({
    from: options.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: mail.headers,
  });

  if (options.smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(options.smtpUrl, {
      // Short timeouts: a hung server must fail the attempt well before its outbox lease ends.
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    return {
      mode: 'smtp',
      async send(mail) {
        await transport.sendMail(message(mail));
      },
      close: () => transport.close(),
    };
  }

  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    mode: 'file',
    async send(mail) {
      const info = await transport.sendMail(message(mail));
      await mkdir(options.folder, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(options.folder, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer);
      options.log('mail written to file (set SMTP_URL to send it)', { to: mail.to, file });
    },
    close: () => transport.close(),
  };
}
