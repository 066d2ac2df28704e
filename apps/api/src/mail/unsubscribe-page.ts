import { readFileSync } from 'node:fs';
import path from 'node:path';
import { users } from '@parvis/db';
import { isLocale, type Locale, translate } from '@parvis/domain';
import type { HostEnv } from '@parvis/plugin-sdk';
import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { webClientDir } from '../pages/renderer';
import { escapeHtml as e } from './content';
import type { MailService } from './index';
import { setEmailChoices } from './kinds';
import '../i18n';

let stylesheets: string[] | undefined;

/** The web app's stylesheets, so this page looks like the rest; none when the web is not built. */
function webStylesheets(): string[] {
  if (stylesheets) return stylesheets;
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(webClientDir, '.vite/manifest.json'), 'utf8'),
    ) as Record<string, { css?: string[] }>;
    stylesheets = (manifest['src/entry-client.tsx']?.css ?? []).map((file) => `/${file}`);
  } catch {
    stylesheets = [];
  }
  return stylesheets;
}

interface PageContent {
  locale: Locale;
  title: string;
  message: string;
  /** A button that posts to `action`, e.g. to undo. */
  form?: { action: string; label: string };
  links: { href: string; label: string }[];
}

function page(content: PageContent): string {
  const site = translate(content.locale, 'app.name');
  const styles = webStylesheets()
    .map((href) => `<link rel="stylesheet" href="${e(href)}">`)
    .join('');
  const form = content.form
    ? `<form method="post" action="${e(content.form.action)}"><button class="btn btn-secondary" type="submit">${e(content.form.label)}</button></form>`
    : '';
  const links = content.links
    .map((link) => `<li><a href="${e(link.href)}">${e(link.label)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="${content.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${e(content.title)} · ${e(site)}</title>${styles}</head>
<body><main id="main" class="container main"><div class="content narrow">
<h1 class="page-title">${e(content.title)}</h1>
<p>${e(content.message)}</p>
${form}
<ul class="plain-links">${links}</ul>
</div></main></body>
</html>`;
}

/**
 * The link in every notification email, usable without signing in. GET (the member clicked it)
 * only asks for confirmation, since mail scanners open links on their own; POST (the page's button,
 * or RFC 8058 one-click sent by mail clients) turns that kind of email off, and the page offers to
 * undo. The token is the only credential, so a bad one changes nothing.
 */
export function unsubscribeRoutes(mail: MailService) {
  const respond = async (c: Context<HostEnv>, email: boolean | 'ask') => {
    c.header('Cache-Control', 'no-store');
    const token = c.req.param('token') ?? '';
    const found = mail.readUnsubscribeToken(token);
    const { db } = c.get('services');
    const [user] =
      found && mail.kinds.has(found.kind)
        ? await db.select({ locale: users.locale }).from(users).where(eq(users.id, found.userId))
        : [];
    if (!found || !user) {
      const locale = c.get('locale');
      const t = (key: string) => translate(locale, key, { site: translate(locale, 'app.name') });
      return c.html(
        page({
          locale,
          title: t('unsubscribe.invalid_title'),
          message: t('unsubscribe.invalid'),
          links: [
            { href: '/settings/notifications', label: t('unsubscribe.settings') },
            { href: '/', label: t('unsubscribe.home') },
          ],
        }),
        400,
      );
    }
    const locale: Locale = isLocale(user.locale) ? user.locale : 'en';
    const site = translate(locale, 'app.name');
    const kind = translate(locale, `notification.kind.${found.kind}`);
    const t = (key: string) => translate(locale, key, { kind, site });
    const self = `/unsubscribe/${encodeURIComponent(token)}`;
    const links = [
      { href: '/settings/notifications', label: t('unsubscribe.settings') },
      { href: '/', label: t('unsubscribe.home') },
    ];
    if (email === 'ask')
      return c.html(
        page({
          locale,
          title: t('unsubscribe.confirm_title'),
          message: t('unsubscribe.confirm'),
          form: { action: self, label: t('unsubscribe.confirm_button') },
          links,
        }),
        200,
      );
    await setEmailChoices(db, found.userId, { [found.kind]: email });
    return c.html(
      page({
        locale,
        title: t(email ? 'unsubscribe.resubscribed_title' : 'unsubscribe.title'),
        message: t(email ? 'unsubscribe.resubscribed' : 'unsubscribe.done'),
        form: email
          ? { action: self, label: t('mail.footer.unsubscribe') }
          : { action: `${self}/undo`, label: t('unsubscribe.undo') },
        links,
      }),
      200,
    );
  };

  return new Hono<HostEnv>()
    .get('/:token', (c) => respond(c, 'ask'))
    .post('/:token', (c) => respond(c, false))
    .post('/:token/undo', (c) => respond(c, true));
}
