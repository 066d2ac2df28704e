import type { Locale } from '@parvis/domain';
import { locales } from '@parvis/domain';
import { createEffect, createSignal, type JSX, on, Show } from 'solid-js';
import { useApp } from '../context';
import { formatNumber, plural } from '../i18n';
import { useResendConfirmation } from './ConfirmAddress';
import { Slot } from './Slot';

const languageNames: Record<Locale, string> = { en: 'English', fr: 'Français' };

function pathOf(url: string): string {
  return url.split(/[?#]/)[0] ?? '/';
}

function HeaderSearch() {
  const app = useApp();
  const fromUrl = (url: string) =>
    pathOf(url) === '/search' ? (new URLSearchParams(url.split('?')[1]).get('q') ?? '') : '';
  const [q, setQ] = createSignal(fromUrl(app.url()));
  createEffect(on(app.url, (url) => setQ(fromUrl(url)), { defer: true }));
  return (
    <search class="header-search" aria-label={app.t('web.search.landmark')}>
      <form
        action="/search"
        method="get"
        onSubmit={(event) => {
          event.preventDefault();
          const value = q().trim();
          void app.navigate(value ? `/search?q=${encodeURIComponent(value)}` : '/search');
        }}
      >
        <label class="visually-hidden" for="header-search-input">
          {app.t('web.search.header_label')}
        </label>
        <input
          id="header-search-input"
          class="input"
          type="search"
          name="q"
          value={q()}
          onInput={(event) => setQ(event.currentTarget.value)}
          placeholder={app.t('web.search.placeholder')}
          autocomplete="off"
        />
        <button class="btn btn-secondary" type="submit">
          {app.t('web.search.submit')}
        </button>
      </form>
    </search>
  );
}

function Account() {
  const app = useApp();
  const [busy, setBusy] = createSignal(false);
  const signOut = async () => {
    setBusy(true);
    const result = await app.api.signOut();
    if (result.ok) {
      window.location.assign('/');
      return;
    }
    setBusy(false);
    app.announce(result.error.message);
  };
  const current = (href: string) => (pathOf(app.url()) === href ? 'page' : undefined);
  const profile = () => `/u/${encodeURIComponent(app.session.user?.username ?? '')}`;
  return app.session.user ? (
    <div class="account">
      <a class="account-name" href={profile()} aria-current={current(profile())}>
        {app.session.user.displayName}
      </a>
      <button
        type="button"
        class="btn btn-ghost"
        aria-busy={busy() ? 'true' : undefined}
        onClick={() => {
          if (!busy()) void signOut();
        }}
      >
        {app.t('web.nav.sign_out')}
      </button>
    </div>
  ) : (
    <div class="account">
      <a class="btn btn-ghost" href="/sign-in" aria-current={current('/sign-in')}>
        {app.t('web.nav.sign_in')}
      </a>
      <a class="btn btn-primary" href="/sign-up" aria-current={current('/sign-up')}>
        {app.t('web.nav.sign_up')}
      </a>
    </div>
  );
}

function LanguageSwitcher() {
  const app = useApp();
  const choose = async (locale: Locale) => {
    if (locale === app.locale) return;
    // biome-ignore lint/suspicious/noDocumentCookie: the guest's language choice is a plain cookie the API reads.
    document.cookie = `parvis_locale=${locale}; path=/; max-age=31536000; SameSite=Lax`;
    if (app.session.user) {
      const result = await app.api.updateMe({ locale });
      if (!result.ok) {
        app.announce(result.error.message);
        return;
      }
    }
    window.location.reload();
  };
  return (
    <fieldset class="language">
      <legend>{app.t('web.footer.language')}</legend>
      {locales.map((locale) => (
        <button
          type="button"
          class="btn btn-ghost btn-small"
          lang={locale}
          aria-pressed={locale === app.locale ? 'true' : 'false'}
          onClick={() => void choose(locale)}
        >
          {languageNames[locale]}
        </button>
      ))}
    </fieldset>
  );
}

/** Until a member confirms their address, they get no mail: say so, with a way to get the link again. */
function ConfirmAddressNotice() {
  const app = useApp();
  const { busy, sent, resend } = useResendConfirmation(() =>
    app.t('web.confirm_notice.sent', { email: app.session.account?.email ?? '' }),
  );
  return (
    <Show when={app.session.account && !app.session.account.emailVerified ? app.session.account : null}>
      {(account) => (
        <div class="container">
          <section class="notice confirm-notice" aria-labelledby="confirm-notice-title">
            <p>
              <strong id="confirm-notice-title">{app.t('web.confirm_notice.title')}</strong>{' '}
              {app.t(sent() ? 'web.confirm_notice.sent' : 'web.confirm_notice.body', {
                email: account().email,
              })}
            </p>
            <button
              type="button"
              class="btn btn-secondary btn-small"
              disabled={busy() || sent()}
              onClick={() => void resend()}
            >
              {app.t('web.confirm_notice.resend')}
            </button>
          </section>
        </div>
      )}
    </Show>
  );
}

export function Layout(props: { children: JSX.Element }) {
  const app = useApp();
  const path = () => pathOf(app.url());
  return (
    <>
      <a class="skip-link" href="#main">
        {app.t('web.skip_link')}
      </a>
      <div class="progress" classList={{ active: app.pending() }} aria-hidden="true" />
      <header class="site-header">
        <div class="container header-inner">
          <a class="brand" href="/">
            <svg class="brand-mark" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
              <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H11l-4.5 4v-4h0A2.5 2.5 0 0 1 4 13.5z" />
            </svg>
            <span>{app.t('app.name')}</span>
          </a>
          <nav class="main-nav" aria-label={app.t('web.nav.label')}>
            <ul>
              <li>
                <a href="/" aria-current={path() === '/' ? 'page' : undefined}>
                  {app.t('web.nav.latest')}
                </a>
              </li>
              <li>
                <a href="/search" aria-current={path() === '/search' ? 'page' : undefined}>
                  {app.t('web.nav.search')}
                </a>
              </li>
              {app.session.user ? (
                <li>
                  <a
                    class="nav-notifications"
                    href="/notifications"
                    aria-current={path() === '/notifications' ? 'page' : undefined}
                  >
                    {app.t('web.nav.notifications')}
                    {app.session.unreadNotifications > 0 ? (
                      <>
                        {' '}
                        <span class="badge" data-testid="unread-count">
                          {formatNumber(app.locale, app.session.unreadNotifications)}
                          <span class="visually-hidden">
                            {' '}
                            {plural(app.locale, 'web.nav.unread', app.session.unreadNotifications)}
                          </span>
                        </span>
                      </>
                    ) : null}
                  </a>
                </li>
              ) : null}
              <Slot name="nav.links" />
              {app.session.user?.role === 'admin' ? (
                <li>
                  <a href="/admin" aria-current={path() === '/admin' ? 'page' : undefined}>
                    {app.t('web.nav.admin')}
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
          <HeaderSearch />
          <Account />
        </div>
      </header>
      <ConfirmAddressNotice />
      <main id="main" class="container main" tabindex="-1" aria-busy={app.pending() ? 'true' : undefined}>
        {props.children}
      </main>
      <footer class="site-footer">
        <div class="container footer-inner">
          <p>
            {app.t('app.name')} — {app.t('app.tagline')}
          </p>
          <LanguageSwitcher />
        </div>
      </footer>
      <div
        class="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="announcer"
      >
        {app.announcement()}
      </div>
    </>
  );
}
