import '../page-messages';
import { definePluginPage, type PluginPageProps } from '@parvis/plugin-sdk/web';
import { For, Show } from 'solid-js';
import { type ArticleLookup, type ArticleView, articleRedirect, formatDate } from '../client';
import { staffOnly } from './editor';

interface Revision {
  revision: number;
  slug: string;
  question: string;
  answer: string;
  locale: 'fr' | 'en';
  categoryId: number | null;
  tags: string[];
  status: 'published' | 'draft';
  createdAt: string;
  editor: { username: string; displayName: string };
}

interface HistoryData {
  article: ArticleView;
  revisions: Revision[];
}

function HistoryPage(props: PluginPageProps<HistoryData>) {
  const { t } = props.host;
  return (
    <div class="content narrow-wide revisions">
      <div class="revisions-header">
        <h1 class="page-title" tabindex="-1">
          {t('faq.history.title', { question: props.data.article.question })}
        </h1>
        <a href={`/faq/${props.data.article.slug}`}>{t('faq.history.back')}</a>
      </div>
      <ol class="revision-list">
        <For each={props.data.revisions}>
          {(revision) => (
            <li class="card stack">
              <h2 class="revision-title">
                {t('faq.history.revision', { revision: revision.revision })}{' '}
                <Show when={revision.status === 'draft'}>
                  <span class="tag tag-warning">{t('faq.draft')}</span>
                </Show>
              </h2>
              <p class="revision-meta muted">
                {t('faq.history.by', {
                  name: revision.editor.displayName,
                  date: formatDate(props.host.locale, revision.createdAt),
                })}{' '}
                · {t(`faq.language.${revision.locale}`)} · /faq/{revision.slug}
              </p>
              <p>
                <strong>{revision.question}</strong>
              </p>
              <Show when={revision.tags.length > 0}>
                <p class="faq-tags">
                  <For each={revision.tags}>{(tag) => <span class="tag tag-quiet">{tag}</span>}</For>
                </p>
              </Show>
              <details>
                <summary>{t('faq.history.answer')}</summary>
                <pre class="revision-body">{revision.answer}</pre>
              </details>
            </li>
          )}
        </For>
      </ol>
    </div>
  );
}

export const historyPage = definePluginPage<HistoryData>({
  load: (args) =>
    staffOnly(args, async () => {
      const article = await args.api.getJson<ArticleLookup>(
        `/plugins/faq/articles/${encodeURIComponent(args.params.slug ?? '')}`,
      );
      if (!article.ok)
        return { kind: 'error', status: article.status || 503, message: article.error.message };
      const moved = articleRedirect(article.data, args.url, '/history');
      if (moved) return moved;
      const revisions = await args.api.getJson<{ revisions: Revision[] }>(
        `/plugins/faq/articles/${article.data.article.id}/revisions`,
      );
      if (!revisions.ok)
        return { kind: 'error', status: revisions.status || 503, message: revisions.error.message };
      return { kind: 'page', data: { article: article.data.article, revisions: revisions.data.revisions } };
    }),
  head: (data, { t }) => ({
    title: t('faq.history.title', { question: data.article.question }),
    canonical: `/faq/${data.article.slug}/history`,
    noindex: true,
  }),
  component: HistoryPage,
});
