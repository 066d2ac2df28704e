import './page-messages';
import type { SlotProps } from '@parvis/plugin-sdk/web';
import { Alert, Button, SelectField } from '@parvis/ui';
import { createSignal, Show } from 'solid-js';
import type { TopicContext } from './slots';

/**
 * Staff's "Add to the FAQ": makes a draft from the topic and its accepted answer, asking which
 * reply answers the question when none was accepted. Runs in the browser only.
 */
export default function PromoteForm(props: SlotProps<TopicContext>) {
  const { t, host } = props;
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [askAnswer, setAskAnswer] = createSignal(false);
  const [postId, setPostId] = createSignal('');
  const replies = () => props.context.posts.filter((p) => p.number > 1 && !p.deleted);
  const id = () => props.context.topic.id;

  const promote = async () => {
    if (busy()) return;
    setBusy(true);
    setError('');
    const result = await host.api.sendJson<{ article: { slug: string } }>('POST', '/plugins/faq/promote', {
      topicId: id(),
      ...(postId() ? { postId: Number(postId()) } : {}),
    });
    setBusy(false);
    if (result.ok) return host.navigate(`/faq/${result.data.article.slug}/edit`);
    if (result.error.fields?.postId) setAskAnswer(true);
    setError(result.error.fields?.postId ?? result.error.fields?.topicId ?? result.error.message);
  };

  return (
    <form
      class="faq-promote"
      onSubmit={(event) => {
        event.preventDefault();
        void promote();
      }}
    >
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
      <Show when={askAnswer() && replies().length > 0}>
        <SelectField
          id={`faq-promote-answer-${id()}`}
          name="postId"
          label={t('faq.topic.choose_answer')}
          value={postId()}
          onValue={setPostId}
          placeholder={t('faq.topic.choose_answer_placeholder')}
          options={replies().map((p) => ({
            value: String(p.id),
            label: t('faq.topic.reply_label', { number: p.number, name: p.author.displayName }),
          }))}
          required
        />
      </Show>
      <div class="actions">
        <Button type="submit" small busy={busy()} aria-describedby={`faq-promote-hint-${id()}`}>
          {askAnswer() ? t('faq.topic.create_draft') : t('faq.topic.promote')}
        </Button>
        <span class="muted" id={`faq-promote-hint-${id()}`}>
          {t('faq.topic.promote_hint')}
        </span>
      </div>
    </form>
  );
}
