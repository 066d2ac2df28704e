import { Button } from '@parvis/ui';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { NotificationList } from '../api';
import { failure, PageTitle } from '../components/page';
import { Time } from '../components/Time';
import { useApp } from '../context';
import { definePage, type PageProps, signInUrl } from '../router';

function NotificationsPage(props: PageProps<NotificationList>) {
  const app = useApp();
  const { t } = app;
  const [state, setState] = createStore({ items: props.data.notifications, unread: props.data.unread });
  const [busy, setBusy] = createSignal(false);

  const markAll = async () => {
    setBusy(true);
    const result = await app.api.markRead();
    setBusy(false);
    if (!result.ok) {
      app.announce(result.error.message);
      return;
    }
    const now = new Date().toISOString();
    setState('items', (n) => n.readAt === null, 'readAt', now);
    setState('unread', result.data.unread);
    app.setUnread(result.data.unread);
    app.announce(t('web.notifications.all_read'));
  };

  const open = (id: number, read: boolean) => {
    if (read) return;
    // Following the link does not wait for this, but the page it opens reads the session after it.
    app.trackWrite(
      app.api.markRead([id]).then((result) => {
        if (result.ok) app.setUnread(result.data.unread);
      }),
    );
  };

  return (
    <div class="content narrow-wide">
      <div class="page-header">
        <PageTitle>{t('web.notifications.title')}</PageTitle>
        <div class="actions">
          <a class="btn btn-ghost" href="/settings/notifications">
            {t('web.notifications.email_settings')}
          </a>
          <Button variant="secondary" busy={busy()} disabled={state.unread === 0} onClick={markAll}>
            {t('web.notifications.mark_all')}
          </Button>
        </div>
      </div>
      <Show when={state.items.length > 0} fallback={<p class="empty">{t('web.notifications.empty')}</p>}>
        <ol class="notification-list">
          <For each={state.items}>
            {(item) => (
              <li class="notification" classList={{ unread: item.readAt === null }}>
                <Show when={item.readAt === null}>
                  <span class="dot" aria-hidden="true" />
                </Show>
                <div>
                  <a href={item.url} onClick={() => open(item.id, item.readAt !== null)}>
                    <Show when={item.readAt === null}>
                      <span class="visually-hidden">{t('web.notifications.unread_prefix')} </span>
                    </Show>
                    {item.message}
                  </a>
                  <p class="muted">
                    <Time iso={item.createdAt} />
                  </p>
                </div>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}

export const notificationsPage = definePage<NotificationList>({
  async load({ api, url, session }) {
    const [current, result] = await Promise.all([session, api.notifications()]);
    if (!current.user) return { kind: 'redirect', to: signInUrl(url), status: 302 };
    if (!result.ok) return failure(result, url);
    return { kind: 'page', data: result.data };
  },
  head: (_data, { t }) => ({
    title: t('web.notifications.title'),
    canonical: '/notifications',
    noindex: true,
  }),
  component: NotificationsPage,
});
