import '../page-messages';
import { isStaff } from '@parvis/domain';
import {
  definePluginPage,
  type PageLoadArgs,
  type PageLoadOutcome,
  type PluginPageProps,
} from '@parvis/plugin-sdk/web';
import { Alert, Button, SelectField, TextField } from '@parvis/ui';
import { createSignal, Show } from 'solid-js';
import {
  type ArticleLookup,
  type ArticleView,
  articleRedirect,
  type CategoryRef,
  signInUrl,
} from '../client';
import { MarkdownField } from '../components';

interface EditorData {
  article: ArticleView | null;
  categories: CategoryRef[];
}

function EditorPage(props: PluginPageProps<EditorData>) {
  const { t, api } = props.host;
  const existing = props.data.article;
  const [question, setQuestion] = createSignal(existing?.question ?? '');
  const [answer, setAnswer] = createSignal(existing?.answer ?? '');
  const [locale, setLocale] = createSignal<string>(existing?.locale ?? props.host.locale);
  const [category, setCategory] = createSignal(existing?.category ? String(existing.category.id) : '');
  const [tags, setTags] = createSignal(existing?.tags.join(', ') ?? '');
  const [slug, setSlug] = createSignal(existing?.slug ?? '');
  const [status, setStatus] = createSignal<string>(existing?.status ?? 'draft');
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const fail = (error: { message: string; fields?: Record<string, string> }) => {
    setErrors(error.fields ?? {});
    setMessage(error.message);
    queueMicrotask(() => document.getElementById('faq-form-error')?.focus());
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setMessage('');
    const body = {
      question: question(),
      answer: answer(),
      locale: locale(),
      categoryId: category() ? Number(category()) : null,
      tags: tags()
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      status: status(),
      ...(slug().trim() ? { slug: slug().trim() } : {}),
      ...(existing ? { expectedRevision: existing.revision } : {}),
    };
    const result = existing
      ? await api.sendJson<{ article: ArticleView }>('PATCH', `/plugins/faq/articles/${existing.id}`, body)
      : await api.sendJson<{ article: ArticleView }>('POST', '/plugins/faq/articles', body);
    setBusy(false);
    if (!result.ok) return fail(result.error);
    await props.host.navigate(`/faq/${result.data.article.slug}`);
  };

  const remove = async () => {
    if (!existing || busy() || !window.confirm(t('faq.editor.delete_confirm'))) return;
    setBusy(true);
    const result = await api.sendJson('DELETE', `/plugins/faq/articles/${existing.id}`);
    setBusy(false);
    if (!result.ok) return fail(result.error);
    await props.host.navigate('/faq');
  };

  return (
    <div class="content narrow-wide">
      <h1 class="page-title" tabindex="-1">
        {existing ? t('faq.editor.edit_title', { question: existing.question }) : t('faq.editor.new_title')}
      </h1>
      <Show when={existing?.source && existing.status === 'draft'}>
        <Alert tone="info">{t('faq.editor.promoted_notice')}</Alert>
      </Show>
      <form class="card stack" onSubmit={submit} novalidate>
        <Show when={message()}>
          <Alert tone="error" id="faq-form-error">
            {message()}
          </Alert>
        </Show>
        <TextField
          id="faq-question"
          name="question"
          label={t('faq.editor.question')}
          value={question()}
          onValue={setQuestion}
          error={errors().question}
          required
          maxLength={300}
          autocomplete="off"
        />
        <MarkdownField
          id="faq-answer"
          label={t('faq.editor.answer')}
          hint={t('faq.editor.answer_hint')}
          value={answer()}
          onValue={setAnswer}
          error={errors().answer}
          t={t}
        />
        <div class="form-row">
          <SelectField
            id="faq-locale"
            name="locale"
            label={t('faq.editor.locale')}
            value={locale()}
            onValue={setLocale}
            error={errors().locale}
            options={[
              { value: 'fr', label: t('faq.language.fr') },
              { value: 'en', label: t('faq.language.en') },
            ]}
            required
          />
          <SelectField
            id="faq-category"
            name="categoryId"
            label={t('faq.editor.category')}
            value={category()}
            onValue={setCategory}
            error={errors().categoryId}
            placeholder={t('faq.editor.no_category')}
            options={props.data.categories.map((c) => ({ value: String(c.id), label: c.name }))}
          />
          <SelectField
            id="faq-status"
            name="status"
            label={t('faq.editor.status')}
            value={status()}
            onValue={setStatus}
            error={errors().status}
            options={[
              { value: 'draft', label: t('faq.editor.status.draft') },
              { value: 'published', label: t('faq.editor.status.published') },
            ]}
            required
          />
        </div>
        <TextField
          id="faq-tags"
          name="tags"
          label={t('faq.editor.tags')}
          hint={t('faq.editor.tags_hint')}
          value={tags()}
          onValue={setTags}
          error={Object.entries(errors()).find(([key]) => key.startsWith('tags'))?.[1]}
          autocomplete="off"
        />
        <TextField
          id="faq-slug"
          name="slug"
          label={t('faq.editor.slug')}
          hint={t('faq.editor.slug_hint')}
          value={slug()}
          onValue={setSlug}
          error={errors().slug}
          maxLength={80}
          autocomplete="off"
        />
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy()}>
            {existing ? t('faq.editor.save') : t('faq.editor.create')}
          </Button>
          <a class="btn btn-ghost" href={existing ? `/faq/${existing.slug}` : '/faq'}>
            {t('faq.editor.cancel')}
          </a>
          <Show when={existing}>
            <Button variant="danger" busy={busy()} onClick={() => void remove()}>
              {t('faq.editor.delete')}
            </Button>
          </Show>
        </div>
      </form>
    </div>
  );
}

/** Staff pages: sign-in first for guests, 403 for members. */
export async function staffOnly<D>(
  args: PageLoadArgs,
  next: () => Promise<PageLoadOutcome<D>>,
): Promise<PageLoadOutcome<D>> {
  const session = await args.session;
  if (!session.user) return { kind: 'redirect', to: signInUrl(args.url), status: 302 };
  if (!isStaff(session.user)) return { kind: 'error', status: 403 };
  return next();
}

async function categories(args: PageLoadArgs): Promise<CategoryRef[]> {
  const result = await args.api.getJson<{ categories: CategoryRef[] }>('/categories');
  return result.ok ? result.data.categories.map((c) => ({ id: c.id, slug: c.slug, name: c.name })) : [];
}

const head = (data: EditorData, { t }: { t: (key: string, params?: Record<string, string>) => string }) => ({
  title: data.article
    ? t('faq.editor.edit_title', { question: data.article.question })
    : t('faq.editor.new_title'),
  canonical: data.article ? `/faq/${data.article.slug}/edit` : '/faq/new',
  noindex: true,
});

export const newArticlePage = definePluginPage<EditorData>({
  load: (args) =>
    staffOnly(args, async () => ({
      kind: 'page',
      data: { article: null, categories: await categories(args) },
    })),
  head,
  component: EditorPage,
});

export const editArticlePage = definePluginPage<EditorData>({
  load: (args) =>
    staffOnly(args, async () => {
      const [result, cats] = await Promise.all([
        args.api.getJson<ArticleLookup>(
          `/plugins/faq/articles/${encodeURIComponent(args.params.slug ?? '')}`,
        ),
        categories(args),
      ]);
      if (!result.ok) return { kind: 'error', status: result.status || 503, message: result.error.message };
      const moved = articleRedirect(result.data, args.url, '/edit');
      if (moved) return moved;
      return { kind: 'page', data: { article: result.data.article, categories: cats } };
    }),
  head,
  component: EditorPage,
});
