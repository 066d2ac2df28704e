import '../page-messages';
import { isLocale, type Locale } from '@parvis/domain';
import { definePluginPage, type PluginPageProps } from '@parvis/plugin-sdk/web';
import { Button } from '@parvis/ui';
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import {
  type ArticleList,
  type ArticleSummary,
  type CategoryRef,
  createSearcher,
  type FaqHit,
  plural,
  randomId,
  type SearchResponse,
  searchPath,
} from '../client';
import { HitList, languageName, listKeys } from '../components';

interface FaqIndexData {
  list: ArticleList;
  /** Server-rendered results of `?q=` (the search form works without JavaScript). */
  results: SearchResponse | null;
  q: string;
  lang: Locale | null;
  category: string | null;
}

const href = (params: { q?: string; lang?: string | null; category?: string | null }) => {
  const query = new URLSearchParams();
  if (params.q) query.set('q', params.q);
  if (params.lang) query.set('lang', params.lang);
  if (params.category) query.set('category', params.category);
  const text = query.toString();
  return text ? `/faq?${text}` : '/faq';
};

function groups(articles: ArticleSummary[]) {
  const byCategory = new Map<number | null, { category: CategoryRef | null; articles: ArticleSummary[] }>();
  for (const article of articles) {
    const key = article.category?.id ?? null;
    const group = byCategory.get(key) ?? { category: article.category, articles: [] };
    group.articles.push(article);
    byCategory.set(key, group);
  }
  // Uncategorized questions come last.
  const entries = [...byCategory.values()];
  return [...entries.filter((g) => g.category), ...entries.filter((g) => !g.category)];
}

function FaqIndexPage(props: PluginPageProps<FaqIndexData>) {
  const { t } = props.host;
  const locale = () => props.host.locale;
  const [q, setQ] = createSignal(props.data.q);
  const [hits, setHits] = createSignal<FaqHit[] | null>(props.data.results?.hits ?? null);
  const [searched, setSearched] = createSignal(props.data.results?.q ?? '');
  const [status, setStatus] = createSignal<'idle' | 'searching' | 'failed'>('idle');
  const session = randomId();
  const searcher = createSearcher();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let input: HTMLInputElement | undefined;
  let list: HTMLUListElement | undefined;
  onCleanup(() => {
    clearTimeout(timer);
    searcher.abort();
  });

  const run = async (text: string) => {
    const query = text.trim();
    if (!query) {
      searcher.abort();
      setHits(null);
      setSearched('');
      setStatus('idle');
      return;
    }
    setStatus('searching');
    const found = await searcher.search({
      q: query,
      locale: props.data.lang ?? undefined,
      category: props.data.category ?? undefined,
      limit: 10,
      source: 'faq',
      session,
    });
    if (found === null) return;
    if (found === 'failed') {
      setStatus('failed');
      return;
    }
    setHits(found.hits);
    setSearched(query);
    setStatus('idle');
  };
  const onInput = (value: string) => {
    setQ(value);
    clearTimeout(timer);
    timer = setTimeout(() => void run(value), 150);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    clearTimeout(timer);
    void run(q());
  };
  const keys = listKeys(
    () => list,
    () => input,
  );
  const grouped = createMemo(() => groups(props.data.list.articles));
  const category = () => props.data.list.categories.find((c) => c.slug === props.data.category) ?? null;
  const announcement = () => {
    if (status() === 'searching') return t('faq.search.searching');
    if (status() === 'failed') return t('faq.search.failed');
    const found = hits();
    if (found === null) return '';
    return found.length > 0
      ? plural(t, locale(), 'faq.search.results', found.length)
      : t('faq.search.none', { q: searched() });
  };

  return (
    <div class="content faq">
      <div class="page-header">
        <h1 class="page-title" tabindex="-1">
          {t('faq.title')}
        </h1>
        <Show when={props.data.list.canWrite}>
          <p class="actions">
            <a class="btn btn-primary" href="/faq/new">
              {t('faq.new')}
            </a>
            <a class="btn btn-secondary" href="/faq/insights">
              {t('faq.insights.link')}
            </a>
          </p>
        </Show>
      </div>
      <p class="lead">{t('faq.description')}</p>

      <form class="card faq-search" action="/faq" method="get" onSubmit={submit}>
        <div class="field grow">
          <label class="field-label" for="faq-q">
            {t('faq.search.label')}
          </label>
          <p class="field-hint" id="faq-q-hint">
            {t('faq.search.hint')}
          </p>
          <div class="faq-search-row">
            <input
              id="faq-q"
              ref={input}
              class="input"
              type="search"
              name="q"
              value={q()}
              autocomplete="off"
              maxLength={200}
              aria-describedby="faq-q-hint"
              aria-controls="faq-results"
              onInput={(event) => onInput(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'ArrowDown') {
                  event.preventDefault();
                  list?.querySelector<HTMLAnchorElement>('a.faq-hit-title')?.focus();
                } else if (event.key === 'Escape' && q()) {
                  event.preventDefault();
                  onInput('');
                }
              }}
            />
            <Show when={props.data.lang}>
              <input type="hidden" name="lang" value={props.data.lang ?? ''} />
            </Show>
            <Show when={props.data.category}>
              <input type="hidden" name="category" value={props.data.category ?? ''} />
            </Show>
            <Button type="submit" variant="primary">
              {t('faq.search.submit')}
            </Button>
          </div>
        </div>
      </form>

      <p class="faq-search-status" aria-live="polite" role="status">
        {announcement()}
      </p>
      <div id="faq-results" class="faq-results">
        <Show when={hits()}>
          {(found) => (
            <Show
              when={found().length > 0}
              fallback={
                <p>
                  <a href="/new-topic">{t('faq.ask')}</a>
                </p>
              }
            >
              <HitList
                hits={found()}
                t={t}
                label={t('faq.search.results_label')}
                ref={(el) => {
                  list = el;
                }}
                onKeyDown={keys}
              />
            </Show>
          )}
        </Show>
      </div>

      <nav class="segmented faq-languages" aria-label={t('faq.filter.language')}>
        <a
          href={href({ category: props.data.category })}
          aria-current={props.data.lang === null ? 'page' : undefined}
        >
          {t('faq.filter.all')}
        </a>
        <For each={['fr', 'en'] as const}>
          {(lang) => (
            <a
              href={href({ lang, category: props.data.category })}
              lang={lang}
              hreflang={lang}
              aria-current={props.data.lang === lang ? 'page' : undefined}
            >
              {languageName(t, lang)}
            </a>
          )}
        </For>
      </nav>
      <Show when={category()}>
        {(c) => (
          <p class="faq-filter">
            {t('faq.filter.category', { name: c().name })}{' '}
            <a href={href({ lang: props.data.lang })}>{t('faq.filter.clear')}</a>
          </p>
        )}
      </Show>

      <Show when={props.data.list.articles.length > 0} fallback={<p class="empty">{t('faq.empty')}</p>}>
        <For each={grouped()}>
          {(group) => (
            <section class="faq-group" aria-labelledby={`faq-group-${group.category?.id ?? 'none'}`}>
              <h2 id={`faq-group-${group.category?.id ?? 'none'}`}>
                {group.category?.name ?? t('faq.uncategorized')}
              </h2>
              <ul class="faq-list">
                <For each={group.articles}>
                  {(article) => (
                    <li class="faq-item">
                      <a href={`/faq/${article.slug}`} lang={article.locale}>
                        {article.question}
                      </a>
                      <Show when={article.status === 'draft'}>
                        {' '}
                        <span class="tag tag-warning">{t('faq.draft')}</span>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          )}
        </For>
        <Show when={props.data.list.more}>
          <p class="muted">{t('faq.more')}</p>
        </Show>
      </Show>
    </div>
  );
}

export const faqIndexPage = definePluginPage<FaqIndexData>({
  async load({ api, query }) {
    const rawLang = query.get('lang');
    const lang = isLocale(rawLang) ? rawLang : null;
    const category = query.get('category')?.slice(0, 100) || null;
    const q = (query.get('q') ?? '').slice(0, 200);
    const listQuery = new URLSearchParams();
    if (lang) listQuery.set('locale', lang);
    if (category) listQuery.set('category', category);
    const [list, results] = await Promise.all([
      api.getJson<ArticleList>(`/plugins/faq/articles?${listQuery}`),
      q.trim()
        ? api.getJson<SearchResponse>(
            searchPath({
              q,
              locale: lang ?? undefined,
              category: category ?? undefined,
              limit: 10,
              source: 'faq',
            }),
          )
        : Promise.resolve(null),
    ]);
    if (!list.ok) return { kind: 'error', status: list.status || 503, message: list.error.message };
    return {
      kind: 'page',
      data: { list: list.data, results: results?.ok ? results.data : null, q, lang, category },
    };
  },
  head: (data, { t }) => {
    const query = new URLSearchParams();
    if (data.lang) query.set('lang', data.lang);
    if (data.category) query.set('category', data.category);
    const text = query.toString();
    return {
      title: t('faq.title'),
      description: t('faq.description'),
      canonical: text ? `/faq?${text}` : '/faq',
      // Result pages of a search are not worth indexing; the list is.
      ...(data.q ? { noindex: true } : {}),
    };
  },
  component: FaqIndexPage,
});
