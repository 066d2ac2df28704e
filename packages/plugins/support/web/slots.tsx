import { isStaff } from '@parvis/domain';
import type { SlotProps } from '@parvis/plugin-sdk/web';
import { Button } from '@parvis/ui';
import { createSignal, For, Show } from 'solid-js';
import { ClaimToggle } from './claim';
import {
  type CategoryRef,
  isQaCategory,
  type PostRef,
  problem,
  profileUrl,
  questionOf,
  supportApi,
  type TopicRef,
} from './shared';

/** "Solved" or "Unanswered" beside a question's title in lists. */
export function ListBadge(props: SlotProps<TopicRef>) {
  const question = () => questionOf(props.context);
  return (
    <Show when={question()}>
      {(q) => (
        <Show
          when={q().solved}
          fallback={
            <Show when={props.context.replyCount === 0}>
              <span class="tag tag-warning support-badge">{props.t('support.badge.unanswered')}</span>
            </Show>
          }
        >
          <span class="tag support-badge support-solved">{props.t('support.badge.solved')}</span>
        </Show>
      )}
    </Show>
  );
}

const statusLinks = [
  ['', 'support.filter.all'],
  ['solved', 'support.filter.solved'],
  ['unsolved', 'support.filter.unsolved'],
  ['unanswered', 'support.filter.unanswered'],
] as const;

/** In a Q&A category's header: filters by status, and the FAQ to look in first. */
export function CategoryHeader(
  props: SlotProps<{ category: CategoryRef; filters?: Record<string, string> }>,
) {
  const current = () => props.context.filters?.status ?? '';
  const href = (status: string) => {
    const query = new URLSearchParams(
      Object.entries(props.context.filters ?? {}).filter(([name]) => name !== 'status'),
    );
    if (status) query.set('status', status);
    const text = query.toString();
    return `/c/${encodeURIComponent(props.context.category.slug)}${text ? `?${text}` : ''}`;
  };
  return (
    <Show when={isQaCategory(props.context.category)}>
      <div class="support-header" data-plugin="support">
        <nav class="segmented" aria-label={props.t('support.filter.label')}>
          <For each={statusLinks}>
            {([status, key]) => (
              <a href={href(status)} aria-current={current() === status ? 'page' : undefined}>
                {props.t(key)}
              </a>
            )}
          </For>
        </nav>
        <p class="support-faq">
          {props.t('support.faq.before')} <a href="/faq">{props.t('support.faq.link')}</a>
        </p>
      </div>
    </Show>
  );
}

/** Right under the question: its accepted answer, or who is on it while it is open. */
export function QuestionStatus(props: SlotProps<{ topic: TopicRef; posts: PostRef[] }>) {
  const question = () => questionOf(props.context.topic);
  return (
    <Show when={question()}>
      {(q) => (
        <Show
          when={q().answer}
          fallback={
            <section class="support-open" data-plugin="support" aria-label={props.t('support.status.label')}>
              <p>
                <span class="tag tag-warning">{props.t('support.status.open')}</span>{' '}
                <Show
                  when={q().claimedBy}
                  fallback={<span class="muted">{props.t('support.status.unclaimed')}</span>}
                >
                  {(claim) => (
                    <span data-testid="support-claim">
                      {props.t('support.status.claimed', { name: claim().displayName })}
                    </span>
                  )}
                </Show>
              </p>
              <Show when={q().canClaim}>
                <ClaimToggle host={props.host} topicId={props.context.topic.id} claimedBy={q().claimedBy} />
              </Show>
            </section>
          }
        >
          {(answer) => (
            <section class="card support-answer" data-plugin="support" aria-labelledby="support-answer-title">
              <h2 class="card-title" id="support-answer-title">
                <svg
                  class="icon support-answer-icon"
                  viewBox="0 0 24 24"
                  width="18"
                  height="18"
                  aria-hidden="true"
                >
                  <path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" />
                </svg>{' '}
                {props.t('support.answer.title')}
              </h2>
              <p class="support-answer-by">
                {props.t('support.answer.by')}{' '}
                <a href={profileUrl(answer().author.username)}>{answer().author.displayName}</a>
              </p>
              <blockquote class="support-answer-excerpt">
                <p>{answer().excerpt}</p>
              </blockquote>
              <p>
                <a href={answer().url}>{props.t('support.answer.go')}</a>
              </p>
            </section>
          )}
        </Show>
      )}
    </Show>
  );
}

/** "Accepted answer" on the reply that is the answer. */
export function AcceptedMark(props: SlotProps<{ topic: TopicRef; post: PostRef }>) {
  return (
    <Show when={questionOf(props.context.topic)?.acceptedPostId === props.context.post.id}>
      <p class="support-accepted" data-testid="support-accepted">
        <span class="tag support-solved">{props.t('support.answer.mark')}</span>
      </p>
    </Show>
  );
}

/** "Accept as answer" on each reply, or "Undo" on the accepted one, for the asker and staff. */
export function AcceptAction(props: SlotProps<{ topic: TopicRef; post: PostRef }>) {
  const { host } = props;
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const question = () => questionOf(props.context.topic);
  const accepted = () => question()?.acceptedPostId === props.context.post.id;
  const shown = () =>
    question()?.canAccept === true && props.context.post.number > 1 && !props.context.post.deleted;

  const toggle = async () => {
    setBusy(true);
    setError('');
    const undo = accepted();
    const result = undo
      ? await supportApi.unaccept(host, props.context.topic.id)
      : await supportApi.accept(host, props.context.topic.id, props.context.post.id);
    setBusy(false);
    if (!result.ok) {
      setError(problem(result));
      host.announce(problem(result));
      return;
    }
    host.announce(
      props.t(undo ? 'support.accept.undone' : 'support.accept.done', {
        name: props.context.post.author.displayName,
      }),
    );
    await host.reload();
  };

  return (
    <Show when={shown()}>
      <Button
        small
        variant={accepted() ? 'ghost' : 'secondary'}
        busy={busy()}
        data-action="support-accept"
        aria-label={props.t(accepted() ? 'support.accept.undo_label' : 'support.accept.label', {
          name: props.context.post.author.displayName,
        })}
        onClick={() => void toggle()}
      >
        {props.t(accepted() ? 'support.accept.undo' : 'support.accept.action')}
      </Button>
      <Show when={error()}>
        <span class="support-error" role="alert">
          {error()}
        </span>
      </Show>
    </Show>
  );
}

/** The staff queue in the header navigation (moderators and admins only). */
export function QueueLink(props: SlotProps) {
  return (
    <Show when={isStaff(props.host.session.user)}>
      <li>
        <a href="/support/queue">{props.t('support.nav.queue')}</a>
      </li>
    </Show>
  );
}

/** On the admin page, under each category: whether its topics are questions. */
export function QaSwitch(props: SlotProps<{ category: CategoryRef }>) {
  const { host } = props;
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const id = () => `support-qa-${props.context.category.id}`;
  const change = async (qa: boolean, input: HTMLInputElement) => {
    setBusy(true);
    setError('');
    const result = await supportApi.setQa(host, props.context.category.id, qa);
    setBusy(false);
    if (!result.ok) {
      input.checked = !qa;
      setError(problem(result));
      return;
    }
    host.announce(
      props.t(qa ? 'support.admin.qa_on' : 'support.admin.qa_off', { name: props.context.category.name }),
    );
    await host.reload();
  };
  return (
    <div class="support-qa-switch" data-plugin="support">
      <input
        type="checkbox"
        id={id()}
        checked={isQaCategory(props.context.category)}
        aria-describedby={`${id()}-hint`}
        aria-busy={busy() ? 'true' : undefined}
        onChange={(event) => void change(event.currentTarget.checked, event.currentTarget)}
      />{' '}
      <label for={id()}>{props.t('support.admin.qa')}</label>
      <p class="field-hint" id={`${id()}-hint`}>
        {props.t('support.admin.qa_hint')}
      </p>
      <Show when={error()}>
        <p class="support-error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  );
}
