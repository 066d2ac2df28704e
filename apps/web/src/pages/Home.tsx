import { Show } from 'solid-js';
import type { Category, TopicSummary } from '../api';
import { CategoryList, type Order, OrderSwitch } from '../components/Categories';
import { failure, PageTitle, withQuery } from '../components/page';
import { Slot } from '../components/Slot';
import { TopicList } from '../components/TopicList';
import { useApp } from '../context';
import { definePage, type PageProps } from '../router';

interface HomeData {
  order: Order;
  topics: TopicSummary[];
  nextCursor: string | null;
  categories: Category[];
}

function HomePage(props: PageProps<HomeData>) {
  const { t } = useApp();
  return (
    <div class="with-aside">
      <div class="content">
        <div class="page-header">
          <PageTitle>{t(props.data.order === 'top' ? 'web.home.title_top' : 'web.home.title')}</PageTitle>
          <OrderSwitch base="/" order={props.data.order} />
        </div>
        <TopicList topics={props.data.topics} />
        <Show when={props.data.nextCursor}>
          {(cursor) => (
            <p class="more">
              <a
                class="btn btn-secondary"
                href={withQuery('/', { order: props.data.order === 'top' ? 'top' : null, cursor: cursor() })}
              >
                {t('web.topics.more')}
              </a>
            </p>
          )}
        </Show>
      </div>
      <aside class="sidebar" aria-label={t('web.home.aside')}>
        <CategoryList categories={props.data.categories} />
        <Slot name="home.aside" />
      </aside>
    </div>
  );
}

export const homePage = definePage<HomeData>({
  async load({ api, query, url }) {
    const order: Order = query.get('order') === 'top' ? 'top' : 'latest';
    const cursor = query.get('cursor') ?? undefined;
    const [topics, categories] = await Promise.all([
      api.topics({ order, cursor, limit: 30 }),
      api.categories(),
    ]);
    if (!topics.ok) return failure(topics, url);
    if (!categories.ok) return failure(categories, url);
    return {
      kind: 'page',
      data: {
        order,
        topics: topics.data.topics,
        nextCursor: topics.data.nextCursor,
        categories: categories.data.categories,
      },
    };
  },
  head: (data, { t }) => ({
    title: t(data.order === 'top' ? 'web.home.title_top' : 'web.home.title'),
    description: t('web.home.description'),
    canonical: data.order === 'top' ? '/?order=top' : '/',
  }),
  component: HomePage,
});
