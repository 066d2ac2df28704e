import { For, Show } from 'solid-js';
import type { Category } from '../api';
import { useApp } from '../context';
import { plural } from '../i18n';
import { withQuery } from './page';

export type Order = 'latest' | 'top';

export function OrderSwitch(props: { base: string; order: Order }) {
  const { t } = useApp();
  return (
    <nav class="segmented" aria-label={t('web.order.label')}>
      <a href={props.base} aria-current={props.order === 'latest' ? 'page' : undefined}>
        {t('web.order.latest')}
      </a>
      <a
        href={withQuery(props.base, { order: 'top' })}
        aria-current={props.order === 'top' ? 'page' : undefined}
      >
        {t('web.order.top')}
      </a>
    </nav>
  );
}

export function CategoryList(props: { categories: Category[] }) {
  const { t, locale } = useApp();
  return (
    <section class="card" aria-labelledby="categories-title">
      <h2 class="card-title" id="categories-title">
        {t('web.categories.title')}
      </h2>
      <Show when={props.categories.length > 0} fallback={<p class="empty">{t('web.categories.empty')}</p>}>
        <ul class="category-list">
          <For each={props.categories}>
            {(category) => (
              <li class="category-item">
                <a href={`/c/${encodeURIComponent(category.slug)}`}>{category.name}</a>
                <span class="muted"> · {plural(locale, 'web.count.topics', category.topicCount)}</span>
                <Show when={category.description}>
                  <p class="category-description">{category.description}</p>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
