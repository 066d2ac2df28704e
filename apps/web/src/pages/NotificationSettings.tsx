import { Alert, Button } from '@parvis/ui';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { NotificationPreference } from '../api';
import { failure, PageTitle } from '../components/page';
import { useApp } from '../context';
import { definePage, type PageProps, signInUrl } from '../router';

interface SettingsData {
  preferences: NotificationPreference[];
}

function NotificationSettingsPage(props: PageProps<SettingsData>) {
  const app = useApp();
  const { t } = app;
  const [preferences, setPreferences] = createStore(props.data.preferences.map((p) => ({ ...p })));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal(false);

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setSaved(false);
    const result = await app.api.updateNotificationPreferences(
      Object.fromEntries(preferences.map((p) => [p.kind, p.email])),
    );
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError('');
    setPreferences(result.data.preferences.map((p) => ({ ...p })));
    setSaved(true);
    app.announce(t('web.notification_settings.saved'));
  };

  return (
    <div class="content narrow-wide">
      <PageTitle>{t('web.notification_settings.title')}</PageTitle>
      <p class="lead" id="notification-settings-intro">
        {t('web.notification_settings.intro')}
      </p>
      <form class="card stack settings-form" onSubmit={save} novalidate>
        <Show when={error()}>
          <Alert tone="error">{error()}</Alert>
        </Show>
        <fieldset class="choices" aria-describedby="notification-settings-intro">
          <legend class="field-label">{t('web.notification_settings.legend')}</legend>
          <ul>
            <For each={preferences}>
              {(preference, index) => {
                const id = `email-${preference.kind}`;
                return (
                  <li class="choice">
                    <input
                      type="checkbox"
                      id={id}
                      name={preference.kind}
                      checked={preference.email}
                      aria-describedby={`${id}-hint`}
                      onChange={(event) => {
                        setSaved(false);
                        setPreferences(index(), 'email', event.currentTarget.checked);
                      }}
                    />
                    <label for={id}>{preference.label}</label>
                    <span class="field-hint" id={`${id}-hint`}>
                      {t(
                        preference.emailByDefault
                          ? 'web.notification_settings.default_on'
                          : 'web.notification_settings.default_off',
                      )}
                    </span>
                  </li>
                );
              }}
            </For>
          </ul>
        </fieldset>
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy()}>
            {t('web.notification_settings.save')}
          </Button>
          {/* The announcer already speaks the confirmation; this copy is for sighted people. */}
          <Show when={saved()}>
            <span class="muted" aria-hidden="true">
              {t('web.notification_settings.saved')}
            </span>
          </Show>
        </div>
      </form>
      <p>
        <a href="/notifications">{t('web.notification_settings.back')}</a>
      </p>
    </div>
  );
}

export const notificationSettingsPage = definePage<SettingsData>({
  async load({ api, url, session }) {
    const [current, result] = await Promise.all([session, api.notificationPreferences()]);
    if (!current.user) return { kind: 'redirect', to: signInUrl(url), status: 302 };
    if (!result.ok) return failure(result, url);
    return { kind: 'page', data: result.data };
  },
  head: (_data, { t }) => ({
    title: t('web.notification_settings.title'),
    canonical: '/settings/notifications',
    noindex: true,
  }),
  component: NotificationSettingsPage,
});
