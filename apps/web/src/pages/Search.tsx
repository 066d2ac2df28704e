import { Button, SelectField, TextField } from '@parvis/ui';
import { createSignal, For, Show } from 'solid-js';
import type { Category, SearchResults } from '../api';
import { failure, PageTitle, withQuery } from '../components/page';
import { useApp } from '../context';
import { plural } from '../i18n';
import { definePage, type PageProps } from '../router';

const PAGE_SIZE = 20;

interface SearchData {
  q: string;
  category: string;
  offset: number;
  categories: Category[];
  results: SearchResults | null;
}

const searchHref = (q: string, category: string, offset = 0) =>
  withQuery('/search', { q, category: category || null, offset: offset || null });

function SearchPage(props: PageProps<SearchData>) {
  const app = useApp();
  const { t, locale } = app;
  const [q, setQ] = createSignal(props.data.q);
  const [category, setCategory] = createSignal(props.data.category);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void app.navigate(searchHref(q().trim(), category()));
  };
  const results = () => props.data.results;
  return (
    <div class="content">
      <PageTitle>
        {props.data.q ? t('web.search.title_for', { q: props.data.q }) : t('web.search.title')}
      </PageTitle>
      <form class="search-form card" action="/search" method="get" onSubmit={submit}>
        <TextField
          id="search-q"
          name="q"
          type="search"
          label={t('web.search.query_label')}
          value={q()}
          onValue={setQ}
          autocomplete="off"
          class="grow"
        />
        <SelectField
          id="search-category"
          name="category"
          label={t('web.search.category_label')}
          value={category()}
          onValue={setCategory}
          placeholder={t('web.search.all_categories')}
          options={props.data.categories.map((c) => ({ value: c.slug, label: c.name }))}
        />
        <Button type="submit" variant="primary">
          {t('web.search.submit')}
        </Button>
      </form>
      <Show when={results()}>
        {(found) => (
          <section aria-labelledby="results-title">
            <h2 id="results-title" class="results-count">
              {plural(locale, 'web.search.results', found().total)}
            </h2>
            <Show when={found().hits.length > 0} fallback={<p class="empty">{t('web.search.none')}</p>}>
              <ol class="search-results">
                <For each={found().hits}>
                  {(hit) => (
                    <li class="search-hit">
                      <h3 class="search-hit-title">
                        <a href={hit.url} innerHTML={hit.highlight.title || hit.title} />
                      </h3>
                      <p class="search-hit-meta">
                        <span class="tag tag-quiet">
                          {t(hit.type === 'topic' ? 'web.search.type_topic' : 'web.search.type_post')}
                        </span>
                        <Show when={hit.category}>
                          {(c) => (
                            <a class="tag" href={`/c/${encodeURIComponent(c().slug)}`}>
                              {c().name}
                            </a>
                          )}
                        </Show>
                      </p>
                      <Show when={hit.highlight.snippet}>
                        <p class="search-hit-snippet" innerHTML={hit.highlight.snippet} />
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
            <Show when={props.data.offset > 0 || props.data.offset + PAGE_SIZE < found().total}>
              <nav class="pagination" aria-label={t('web.pagination.label')}>
                <ul>
                  <Show when={props.data.offset > 0}>
                    <li>
                      <a
                        rel="prev"
                        href={searchHref(
                          props.data.q,
                          props.data.category,
                          Math.max(0, props.data.offset - PAGE_SIZE),
                        )}
                      >
                        {t('web.pagination.previous')}
                      </a>
                    </li>
                  </Show>
                  <Show when={props.data.offset + PAGE_SIZE < found().total}>
                    <li>
                      <a
                        rel="next"
                        href={searchHref(props.data.q, props.data.category, props.data.offset + PAGE_SIZE)}
                      >
                        {t('web.pagination.next')}
                      </a>
                    </li>
                  </Show>
                </ul>
              </nav>
            </Show>
          </section>
        )}
      </Show>
    </div>
  );
}

export const searchPage = definePage<SearchData>({
  async load({ api, query, url }) {
    const q = (query.get('q') ?? '').trim().slice(0, 200);
    const category = query.get('category') ?? '';
    const offsetValue = Number(query.get('offset') ?? '0');
    const offset = Number.isSafeInteger(offsetValue) && offsetValue > 0 ? offsetValue : 0;
    const [categories, results] = await Promise.all([
      api.categories(),
      q
        ? api.search({ q, category: category || undefined, limit: PAGE_SIZE, offset })
        : Promise.resolve(null),
    ]);
    if (!categories.ok) return failure(categories, url);
    if (results && !results.ok) {
      if (results.status === 400) {
        return {
          kind: 'page',
          data: {
            q,
            category,
            offset,
            categories: categories.data.categories,
            results: { hits: [], total: 0 },
          },
        };
      }
      return failure(results, url);
    }
    return {
      kind: 'page',
      data: {
        q,
        category,
        offset,
        categories: categories.data.categories,
        results: results ? results.data : null,
      },
    };
  },
  head: (data, { t }) => ({
    title: data.q ? t('web.search.title_for', { q: data.q }) : t('web.search.title'),
    description: t('web.search.description'),
    canonical: searchHref(data.q, data.category, data.offset),
    noindex: Boolean(data.q),
  }),
  component: SearchPage,
});
