import { topicPath } from '@parvis/domain';
import { Alert, Button, SelectField, TextField } from '@parvis/ui';
import { createSignal, Show } from 'solid-js';
import type { Category } from '../api';
import { ConfirmToPostNotice } from '../components/ConfirmAddress';
import { focusLater } from '../components/form';
import { MarkdownEditor } from '../components/MarkdownEditor';
import { failure, PageTitle } from '../components/page';
import { Slot } from '../components/Slot';
import { useApp } from '../context';
import { definePage, type PageProps, signInUrl } from '../router';

interface NewTopicData {
  categories: Category[];
  category: string;
  /** The viewer could post once they confirm their address: no form, since it could only fail. */
  mustConfirmEmail: boolean;
}

function NewTopicPage(props: PageProps<NewTopicData>) {
  const app = useApp();
  const { t } = app;
  const [category, setCategory] = createSignal(props.data.category);
  const [title, setTitle] = createSignal('');
  const [body, setBody] = createSignal('');
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [posted, setPosted] = createSignal<number | null>(null);
  const chosenCategory = () => props.data.categories.find((c) => c.slug === category());
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const chosen = props.data.categories.find((c) => c.slug === category());
    if (!chosen) {
      setErrors({ categoryId: t('field.required') });
      setMessage(t('error.validation'));
      return;
    }
    setBusy(true);
    setMessage('');
    const result = await app.api.createTopic({ categoryId: chosen.id, title: title(), body: body() });
    if (!result.ok) {
      setBusy(false);
      setErrors(result.error.fields ?? {});
      setMessage(result.error.message);
      focusLater('#form-error');
      return;
    }
    setPosted(result.data.topic.id);
    void app.navigate(topicPath(result.data.topic));
  };
  return (
    <div class="content narrow-wide">
      <PageTitle>{t('web.new_topic.title')}</PageTitle>
      <Show
        when={props.data.categories.length > 0}
        fallback={
          <Show
            when={props.data.mustConfirmEmail}
            fallback={<p class="notice">{t('web.new_topic.no_category')}</p>}
          >
            <ConfirmToPostNotice id="confirm-to-post" />
          </Show>
        }
      >
        <div class="composer-layout">
          <form class="card stack" onSubmit={submit} novalidate>
            <Show when={message()}>
              <Alert tone="error" id="form-error">
                {message()}
              </Alert>
            </Show>
            <SelectField
              id="new-topic-category"
              name="category"
              label={t('web.field.category')}
              value={category()}
              onValue={setCategory}
              placeholder={t('web.new_topic.choose_category')}
              options={props.data.categories.map((c) => ({ value: c.slug, label: c.name }))}
              error={errors().categoryId}
              required
            />
            <TextField
              id="new-topic-title"
              name="title"
              label={t('web.field.title')}
              value={title()}
              onValue={setTitle}
              error={errors().title}
              required
              maxLength={200}
              autocomplete="off"
            />
            <MarkdownEditor
              id="new-topic-body"
              label={t('web.field.body')}
              value={body()}
              onValue={setBody}
              error={errors().body}
              rows={12}
              required
            />
            <div class="actions">
              <Button type="submit" variant="primary" busy={busy()}>
                {t('web.new_topic.submit')}
              </Button>
            </div>
          </form>
          {/* Plugins suggest answers here while the question is typed (and learn whether it was posted). */}
          <Slot
            name="composer.aside"
            context={{ title, body, category: chosenCategory, postedTopicId: posted }}
          />
        </div>
      </Show>
    </div>
  );
}

export const newTopicPage = definePage<NewTopicData>({
  async load({ api, query, url, session }) {
    const [current, categories] = await Promise.all([session, api.categories()]);
    if (!current.user) return { kind: 'redirect', to: signInUrl(url), status: 302 };
    if (!categories.ok) return failure(categories, url);
    const allowed = categories.data.categories.filter((c) => c.canPost);
    const wanted = query.get('category') ?? '';
    return {
      kind: 'page',
      data: {
        categories: allowed,
        category: allowed.some((c) => c.slug === wanted) ? wanted : '',
        mustConfirmEmail: categories.data.categories.some((c) => c.mustConfirmEmail),
      },
    };
  },
  head: (_data, { t }) => ({ title: t('web.new_topic.title'), canonical: '/new-topic', noindex: true }),
  component: NewTopicPage,
});
