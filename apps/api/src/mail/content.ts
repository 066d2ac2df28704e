import { type Locale, translate } from '@parvis/domain';
import '../i18n';

export interface NotificationMailInput {
  locale: Locale;
  recipientName: string;
  /** The notification as the member reads it in-app, e.g. `Alice replied to “Printer offline”`. */
  message: string;
  /** The kind's label in the member's settings, e.g. `Replies to your topics`. */
  kindLabel: string;
  /** Plain-text excerpt of the post, when the notification is about one. */
  excerpt: string | null;
  /** Absolute address of what the notification is about. */
  url: string;
  isPost: boolean;
  unsubscribeUrl: string;
  settingsUrl: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Subject, plain text and simple HTML of a notification email, in the member's language. */
export function renderNotificationMail(input: NotificationMailInput): {
  subject: string;
  text: string;
  html: string;
} {
  const t = (key: string, params?: Record<string, string | number>) => translate(input.locale, key, params);
  const site = t('app.name');
  const greeting = t('mail.greeting', { name: input.recipientName });
  const open = t(input.isPost ? 'mail.open_post' : 'mail.open_link');
  const reason = t('mail.footer.reason', { kind: input.kindLabel, site });
  const unsubscribe = t('mail.footer.unsubscribe');
  const settings = t('mail.footer.settings');
  const quoted = input.excerpt
    ? input.excerpt
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')
    : null;

  const text = [
    greeting,
    '',
    input.message,
    ...(quoted ? ['', quoted] : []),
    '',
    t('mail.label_value', { label: open, value: input.url }),
    '',
    '-- ',
    reason,
    t('mail.label_value', { label: unsubscribe, value: input.unsubscribeUrl }),
    t('mail.label_value', { label: settings, value: input.settingsUrl }),
    '',
  ].join('\n');

  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${input.locale}">
<head><meta charset="utf-8"><title>${e(input.message)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; max-width: 40rem;">
<p>${e(greeting)}</p>
<p>${e(input.message)}</p>
${input.excerpt ? `<blockquote style="margin: 0 0 1em; padding-left: 1em; border-left: 3px solid #d0d7de; color: #424a53;">${e(input.excerpt)}</blockquote>\n` : ''}<p><a href="${e(input.url)}">${e(open)}</a></p>
<hr style="border: 0; border-top: 1px solid #d0d7de;">
<p style="font-size: 0.875em; color: #59636e;">${e(reason)}<br>
<a href="${e(input.unsubscribeUrl)}">${e(unsubscribe)}</a> · <a href="${e(input.settingsUrl)}">${e(settings)}</a></p>
</body>
</html>
`;
  return { subject: input.message, text, html };
}

export type AccountMailContentKind = 'verify_email' | 'reset_password' | 'email_taken';

export interface AccountMailInput {
  locale: Locale;
  kind: AccountMailContentKind;
  recipientName: string;
  username: string;
  /** The one thing to do: confirm, choose a password, or (address taken) sign in. */
  actionUrl: string;
  /** For `email_taken`: where to reset the password of the existing account. */
  resetUrl?: string;
}

/**
 * Mail about the account itself, in the member's language. It says what happens if the
 * reader did not ask for it, since anyone can type someone else's address into a form.
 */
export function renderAccountMail(input: AccountMailInput): { subject: string; text: string; html: string } {
  const t = (key: string) =>
    translate(input.locale, `mail.account.${input.kind}.${key}`, {
      site: translate(input.locale, 'app.name'),
      username: input.username,
    });
  const greeting = translate(input.locale, 'mail.greeting', { name: input.recipientName });
  const subject = t('subject');
  const intro = t('intro');
  const action = t('action');
  const note = t('note');
  const reset = input.resetUrl ? translate(input.locale, 'mail.account.email_taken.reset') : null;
  const label = (name: string, value: string) =>
    translate(input.locale, 'mail.label_value', { label: name, value });

  const text = [
    greeting,
    '',
    intro,
    '',
    label(action, input.actionUrl),
    ...(reset && input.resetUrl ? [label(reset, input.resetUrl)] : []),
    '',
    note,
    '',
  ].join('\n');

  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${input.locale}">
<head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; max-width: 40rem;">
<p>${e(greeting)}</p>
<p>${e(intro)}</p>
<p><a href="${e(input.actionUrl)}" style="display: inline-block; padding: 0.5em 1em; background: #0b57d0; color: #ffffff; border-radius: 6px; text-decoration: none;">${e(action)}</a></p>
${reset && input.resetUrl ? `<p><a href="${e(input.resetUrl)}">${e(reset)}</a></p>\n` : ''}<hr style="border: 0; border-top: 1px solid #d0d7de;">
<p style="font-size: 0.875em; color: #59636e;">${e(note)}</p>
</body>
</html>
`;
  return { subject, text, html };
}
