import { Show } from 'solid-js';
import type { Category, TopicSummary } from '../api';
import { type Order, OrderSwitch } from '../components/Categories';
import { failure, PageTitle, withQuery } from '../components/page';
import { Slot } from '../components/Slot';
import { TopicList } from '../components/TopicList';
import { useApp } from '../context';
import { definePage, type PageProps, signInUrl } from '../router';

interface CategoryData {
  category: Category;
  order: Order;
  /** Plugins' list filters from the address, kept when paging. */
  filters: Record<string, string>;
  topics: TopicSummary[];
  nextCursor: string | null;
}

function CategoryPage(props: PageProps<CategoryData>) {
  const app = useApp();
  const { t } = app;
  const base = () => `/c/${encodeURIComponent(props.data.category.slug)}`;
  const newTopicUrl = () => withQuery('/new-topic', { category: props.data.category.slug });
  return (
    <div class="content">
      <nav class="breadcrumb" aria-label={t('web.breadcrumb')}>
        <ol>
          <li>
            <a href="/">{t('web.nav.home')}</a>
          </li>
          <li>
            <a href={base()} aria-current="page">
              {props.data.category.name}
            </a>
          </li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          <PageTitle>{props.data.category.name}</PageTitle>
          <Show when={props.data.category.description}>
            <p class="lead">{props.data.category.description}</p>
          </Show>
        </div>
        <Show
          when={app.session.user}
          fallback={
            <a class="btn btn-primary" href={signInUrl(newTopicUrl())}>
              {t('web.category.sign_in_to_post')}
            </a>
          }
        >
          {/* Who must confirm their address first is told so on the new-topic page. */}
          <Show when={props.data.category.canPost || props.data.category.mustConfirmEmail}>
            <a class="btn btn-primary" href={newTopicUrl()}>
              {t('web.category.new_topic')}
            </a>
          </Show>
        </Show>
      </div>
      <Slot name="category.header" context={{ category: props.data.category, filters: props.data.filters }} />
      <OrderSwitch base={base()} order={props.data.order} />
      <TopicList topics={props.data.topics} showCategory={false} />
      <Show when={props.data.nextCursor}>
        {(cursor) => (
          <p class="more">
            <a
              class="btn btn-secondary"
              href={withQuery(base(), {
                ...props.data.filters,
                order: props.data.order === 'top' ? 'top' : null,
                cursor: cursor(),
              })}
            >
              {t('web.topics.more')}
            </a>
          </p>
        )}
      </Show>
    </div>
  );
}

export const categoryPage = definePage<CategoryData>({
  async load({ api, params, query, url }) {
    const slug = params.slug ?? '';
    const order: Order = query.get('order') === 'top' ? 'top' : 'latest';
    const cursor = query.get('cursor') ?? undefined;
    // Other parameters are plugins' list filters (e.g. `?status=solved`), passed on to the API.
    const filters = Object.fromEntries(
      [...query].filter(([name]) => !['order', 'cursor', 'page'].includes(name)),
    );
    const [category, topics] = await Promise.all([
      api.category(slug),
      api.topics({ category: slug, order, cursor, limit: 30, filters }),
    ]);
    if (!category.ok) return failure(category, url);
    if (!topics.ok) return failure(topics, url);
    return {
      kind: 'page',
      data: {
        category: category.data.category,
        order,
        filters,
        topics: topics.data.topics,
        nextCursor: topics.data.nextCursor,
      },
    };
  },
  head: (data, { t }) => {
    const base = `/c/${encodeURIComponent(data.category.slug)}`;
    return {
      title: data.category.name,
      description: data.category.description || t('web.home.description'),
      canonical: data.order === 'top' ? `${base}?order=top` : base,
    };
  },
  component: CategoryPage,
});
