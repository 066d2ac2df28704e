import '../page-messages';
import type { Locale } from '@parvis/domain';
import { definePluginPage, type PluginPageProps, type WebHost } from '@parvis/plugin-sdk/web';
import { Alert, Button, TextArea } from '@parvis/ui';
import { createSignal, For, onMount, Show } from 'solid-js';
import {
  type ArticleLookup,
  type ArticleView,
  articleRedirect,
  formatDate,
  openedFrom,
  plural,
} from '../client';
import { articleHead } from '../head';

interface VoteDetails {
  counts: { yes: number; no: number };
  comments: {
    helpful: boolean;
    comment: string;
    updatedAt: string;
    author: { username: string; displayName: string } | null;
  }[];
}

interface ArticleData {
  article: ArticleView;
  votes: VoteDetails | null;
}

interface VoteResponse {
  helpful: { yes: number; no: number | null };
  myVote: { helpful: boolean; comment: string | null };
}

function VoteBox(props: { article: ArticleView; host: WebHost }) {
  const { t } = props.host;
  const [helpful, setHelpful] = createSignal(props.article.helpful);
  const [mine, setMine] = createSignal(props.article.myVote);
  const [comment, setComment] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ tone: 'success' | 'error'; text: string } | null>(null);
  const url = `/faq/${props.article.slug}`;

  // A guest's own vote is not in the shared page: ask for it here, which also gives this browser
  // the id its vote is counted under.
  onMount(() => {
    if (props.host.session.user || props.article.status !== 'published') return;
    void props.host.api
      .getJson<{ myVote: VoteResponse['myVote'] | null }>(`/plugins/faq/articles/${props.article.id}/my-vote`)
      .then((result) => {
        if (result.ok && result.data.myVote && !mine()) setMine(result.data.myVote);
      });
  });

  const send = async (value: boolean, text?: string) => {
    if (busy()) return;
    setBusy(true);
    setMessage(null);
    const deflectionSessionId = openedFrom(url);
    const post = () =>
      props.host.api.sendJson<VoteResponse>('POST', `/plugins/faq/articles/${props.article.id}/votes`, {
        helpful: value,
        ...(text ? { comment: text } : {}),
        ...(deflectionSessionId ? { deflectionSessionId } : {}),
      });
    let result = await post();
    // The browser had no id yet (it was just given one): the vote counts on the second try.
    if (!result.ok && result.status === 409 && result.error.fields?.voter) result = await post();
    setBusy(false);
    if (!result.ok) {
      setMessage({ tone: 'error', text: result.error.message });
      return;
    }
    setHelpful(result.data.helpful);
    setMine(result.data.myVote);
    const done = text ? t('faq.vote.comment_saved') : t('faq.vote.thanks');
    setMessage({ tone: 'success', text: done });
    props.host.announce(done);
    if (text) setComment('');
  };

  return (
    <section class="card faq-vote" aria-labelledby="faq-vote-title">
      <h2 id="faq-vote-title" class="card-title">
        {t('faq.vote.question')}
      </h2>
      <div class="actions">
        <Button
          aria-pressed={mine()?.helpful === true ? 'true' : 'false'}
          busy={busy()}
          onClick={() => void send(true)}
        >
          {t('faq.vote.yes')}
        </Button>
        <Button
          aria-pressed={mine()?.helpful === false ? 'true' : 'false'}
          busy={busy()}
          onClick={() => void send(false)}
        >
          {t('faq.vote.no')}
        </Button>
      </div>
      <Show when={helpful().yes > 0}>
        <p class="muted">{plural(t, props.host.locale, 'faq.vote.count', helpful().yes)}</p>
      </Show>
      <Show when={helpful().no !== null}>
        <p class="muted">{t('faq.vote.staff_counts', { yes: helpful().yes, no: helpful().no ?? 0 })}</p>
      </Show>
      <Show when={message()}>{(m) => <Alert tone={m().tone}>{m().text}</Alert>}</Show>
      <Show when={mine()}>
        {(vote) => (
          <form
            class="stack"
            onSubmit={(event) => {
              event.preventDefault();
              if (comment().trim()) void send(vote().helpful, comment().trim());
            }}
          >
            <TextArea
              id="faq-vote-comment"
              label={t('faq.vote.comment_label')}
              value={comment()}
              onValue={setComment}
              rows={3}
              maxLength={1000}
            />
            <div class="actions">
              <Button type="submit" busy={busy()} small>
                {t('faq.vote.comment_submit')}
              </Button>
            </div>
          </form>
        )}
      </Show>
    </section>
  );
}

function Comments(props: { votes: VoteDetails; host: WebHost }) {
  const { t } = props.host;
  return (
    <section class="faq-comments" aria-labelledby="faq-comments-title">
      <h2 id="faq-comments-title">{t('faq.vote.comments')}</h2>
      <Show
        when={props.votes.comments.length > 0}
        fallback={<p class="muted">{t('faq.vote.no_comments')}</p>}
      >
        <ul class="faq-comment-list">
          <For each={props.votes.comments}>
            {(c) => (
              <li class="faq-comment">
                <span class={`tag${c.helpful ? '' : ' tag-warning'}`}>
                  {t(c.helpful ? 'faq.vote.helpful_tag' : 'faq.vote.not_helpful_tag')}
                </span>{' '}
                <span class="muted">
                  {c.author?.displayName ?? t('faq.vote.guest')} ·{' '}
                  {formatDate(props.host.locale, c.updatedAt)}
                </span>
                <p class="faq-comment-text">{c.comment}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function ArticlePage(props: PluginPageProps<ArticleData>) {
  const { t } = props.host;
  const article = () => props.data.article;
  const locale = (): Locale => props.host.locale;
  return (
    <div class="content faq-article">
      <nav class="breadcrumb" aria-label={t('web.breadcrumb')}>
        <ol>
          <li>
            <a href="/faq">{t('faq.article.breadcrumb')}</a>
          </li>
          <Show when={article().category}>
            {(c) => (
              <li>
                <a href={`/faq?category=${encodeURIComponent(c().slug)}`}>{c().name}</a>
              </li>
            )}
          </Show>
        </ol>
      </nav>
      <article class="stack" lang={article().locale !== locale() ? article().locale : undefined}>
        <header class="faq-article-header">
          <h1 class="page-title" tabindex="-1">
            {article().question}
          </h1>
          <Show when={article().status === 'draft'}>
            <Alert tone="info">{t('faq.article.draft_notice')}</Alert>
          </Show>
          <p class="muted faq-article-meta">
            {t('faq.article.updated', { date: formatDate(locale(), article().updatedAt) })}
            <Show when={article().canEdit}>
              {' · '}
              <a href={`/faq/${article().slug}/edit`}>{t('faq.article.edit')}</a>
              {' · '}
              <a href={`/faq/${article().slug}/history`}>{t('faq.article.history')}</a>
            </Show>
          </p>
        </header>
        <div class="prose card" innerHTML={article().answerHtml} />
        <Show when={article().source}>
          {(source) => (
            <p class="faq-source">
              <a href={source().url}>{t('faq.article.from_thread', { title: source().title })}</a>
            </p>
          )}
        </Show>
        <Show when={article().tags.length > 0}>
          <p class="faq-tags">
            <span class="visually-hidden">{t('faq.article.tags')}: </span>
            <For each={article().tags}>{(tag) => <span class="tag tag-quiet">{tag}</span>}</For>
          </p>
        </Show>
      </article>
      <Show when={article().status === 'published'}>
        <VoteBox article={article()} host={props.host} />
      </Show>
      <Show when={props.data.votes}>{(votes) => <Comments votes={votes()} host={props.host} />}</Show>
      <Show when={article().related.length > 0}>
        <section class="faq-related" aria-labelledby="faq-related-title">
          <h2 id="faq-related-title">{t('faq.article.related')}</h2>
          <ul class="faq-list">
            <For each={article().related}>
              {(related) => (
                <li class="faq-item">
                  <a href={`/faq/${related.slug}`}>{related.question}</a>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </div>
  );
}

export const articlePage = definePluginPage<ArticleData>({
  async load({ api, params, url }) {
    const result = await api.getJson<ArticleLookup>(
      `/plugins/faq/articles/${encodeURIComponent(params.slug ?? '')}`,
    );
    if (!result.ok) return { kind: 'error', status: result.status || 503, message: result.error.message };
    const moved = articleRedirect(result.data, url);
    if (moved) return moved;
    const { article } = result.data;
    let votes: VoteDetails | null = null;
    if (article.canEdit) {
      const details = await api.getJson<VoteDetails>(`/plugins/faq/articles/${article.id}/votes`);
      votes = details.ok ? details.data : null;
    }
    return { kind: 'page', data: { article, votes } };
  },
  head: (data) => articleHead(data.article),
  component: ArticlePage,
});
