import { topicPath } from '@parvis/domain';
import { For, Show } from 'solid-js';
import type { TopicSummary } from '../api';
import { useApp } from '../context';
import { plural } from '../i18n';
import { Slot } from './Slot';
import { Time } from './Time';

export function TopicList(props: { topics: TopicSummary[]; showCategory?: boolean }) {
  const app = useApp();
  const { t, locale } = app;
  return (
    <Show when={props.topics.length > 0} fallback={<p class="empty">{t('web.topics.empty')}</p>}>
      <ol class="topic-list">
        <For each={props.topics}>
          {(topic) => (
            <li class="topic-item">
              <div class="topic-main">
                <h2 class="topic-title">
                  <a href={topicPath(topic)}>{topic.title}</a>
                  <Slot name="topic-list.badges" context={topic} />
                </h2>
                <Show when={topic.excerpt}>
                  <p class="topic-excerpt">{topic.excerpt}</p>
                </Show>
                <p class="topic-meta">
                  <Show when={props.showCategory !== false}>
                    <a class="tag" href={`/c/${encodeURIComponent(topic.category.slug)}`}>
                      {topic.category.name}
                    </a>
                  </Show>
                  <span>
                    {t('web.topics.by')}{' '}
                    <a href={`/u/${encodeURIComponent(topic.author.username)}`}>{topic.author.displayName}</a>
                  </span>
                </p>
              </div>
              <dl class="topic-stats">
                <div>
                  <dt class="visually-hidden">{t('web.topics.replies')}</dt>
                  <dd>{plural(locale, 'web.count.replies', topic.replyCount)}</dd>
                </div>
                <div>
                  <dt class="visually-hidden">{t('web.topics.likes')}</dt>
                  <dd>{plural(locale, 'web.count.likes', topic.likeCount)}</dd>
                </div>
                <div>
                  <dt class="visually-hidden">{t('web.topics.activity')}</dt>
                  <dd>
                    <Time iso={topic.lastPostedAt} />
                  </dd>
                </div>
              </dl>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}
