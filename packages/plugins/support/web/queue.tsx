import { isStaff } from '@parvis/domain';
import { definePluginPage, type PluginPageProps } from '@parvis/plugin-sdk/web';
import { For, Show } from 'solid-js';
import type { QueueData } from '../domain/data';
import { ClaimToggle } from './claim';
import './queue-messages';
import { formatDuration, profileUrl } from './shared';

function QueuePage(props: PluginPageProps<QueueData>) {
  const { host } = props;
  const t = host.t;
  const waited = (seconds: number) => formatDuration(host.locale, seconds);
  const firstReplyAfter = (askedAt: string, at: string) =>
    waited(Math.max(0, (Date.parse(at) - Date.parse(askedAt)) / 1000));
  return (
    <div class="content support-queue" data-plugin="support">
      <div class="page-header">
        <div>
          <h1 class="page-title" tabindex="-1">
            {t('support.queue.title')}
          </h1>
          <p class="lead">{t('support.queue.intro')}</p>
        </div>
      </div>
      <form
        class="support-queue-filter"
        method="get"
        action="/support/queue"
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get('category');
          void host.navigate(
            typeof value === 'string' && value
              ? `/support/queue?category=${encodeURIComponent(value)}`
              : '/support/queue',
          );
        }}
      >
        <label class="field-label" for="support-queue-category">
          {t('support.queue.category')}
        </label>
        <select id="support-queue-category" name="category" class="input">
          <option value="" selected={props.data.category === null}>
            {t('support.queue.all_categories')}
          </option>
          <For each={props.data.categories}>
            {(category) => (
              <option value={category.slug} selected={props.data.category === category.slug}>
                {category.name}
              </option>
            )}
          </For>
        </select>
        <button type="submit" class="btn btn-secondary">
          {t('support.queue.apply')}
        </button>
      </form>
      <p class="muted" role="status">
        {t(props.data.total === 1 ? 'support.queue.count.one' : 'support.queue.count.other', {
          count: props.data.total,
        })}
      </p>
      <Show when={props.data.items.length > 0} fallback={<p class="empty">{t('support.queue.empty')}</p>}>
        <div class="support-table-scroll">
          <table class="support-table">
            <caption class="visually-hidden">{t('support.queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('support.queue.question')}</th>
                <th scope="col">{t('support.queue.waiting')}</th>
                <th scope="col">{t('support.queue.replies')}</th>
                <th scope="col">{t('support.queue.staff_reply')}</th>
                <th scope="col">{t('support.queue.claimed')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.data.items}>
                {(item) => (
                  <tr data-topic-id={item.id}>
                    <th scope="row">
                      <a href={item.url}>{item.title}</a>
                      <span class="support-queue-meta">
                        <a class="tag tag-quiet" href={`/c/${encodeURIComponent(item.category.slug)}`}>
                          {item.category.name}
                        </a>{' '}
                        {t('support.queue.asked_by')}{' '}
                        <a href={profileUrl(item.author.username)}>{item.author.displayName}</a>
                      </span>
                    </th>
                    <td>
                      <time datetime={item.askedAt}>{waited(item.waitingSeconds)}</time>
                    </td>
                    <td>{item.replyCount}</td>
                    <td>
                      {item.firstStaffReplyAt
                        ? t('support.queue.staff_replied_after', {
                            duration: firstReplyAfter(item.askedAt, item.firstStaffReplyAt),
                          })
                        : t('support.queue.no_staff_reply')}
                    </td>
                    <td>
                      <span class="support-queue-claim">
                        {item.claimedBy ? item.claimedBy.displayName : t('support.queue.nobody')}
                      </span>{' '}
                      <ClaimToggle
                        host={host}
                        topicId={item.id}
                        claimedBy={item.claimedBy}
                        label={t('support.claim.action_on', { title: item.title })}
                      />
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}

/** Staff only: open questions, the longest waiting first. */
export const queuePage = definePluginPage<QueueData>({
  async load({ api, query, session, url }) {
    const current = await session;
    if (!current.user)
      return { kind: 'redirect', to: `/sign-in?next=${encodeURIComponent(url)}`, status: 302 };
    if (!isStaff(current.user)) return { kind: 'error', status: 403 };
    const category = query.get('category');
    const result = await api.getJson<QueueData>(
      `/plugins/support/queue${category ? `?category=${encodeURIComponent(category)}` : ''}`,
    );
    if (!result.ok) {
      return {
        kind: 'error',
        status: result.status === 0 ? 503 : result.status,
        message: result.error.message,
      };
    }
    return { kind: 'page', data: result.data };
  },
  head: (data, { t }) => ({
    title: t('support.queue.title'),
    canonical: data.category
      ? `/support/queue?category=${encodeURIComponent(data.category)}`
      : '/support/queue',
    noindex: true,
  }),
  component: QueuePage,
});
