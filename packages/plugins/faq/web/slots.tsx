import type { SlotProps } from '@parvis/plugin-sdk/web';
import { type Component, createSignal, onMount, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { TopicFaqData } from '../server/topics';
import type { ComposerContext } from './composer';

/**
 * The interactive part of a slot, loaded in the browser once the slot is on screen: other pages
 * do not carry its code, and server rendering and hydration never see it.
 */
// biome-ignore lint/suspicious/noExplicitAny: Solid's own constraint on component props.
function useClientPart<P extends Record<string, any>>(load: () => Promise<{ default: Component<P> }>) {
  const [part, setPart] = createSignal<Component<P> | null>(null);
  onMount(() => {
    load().then(
      (module) => setPart(() => module.default),
      () => undefined,
    );
  });
  return part;
}

export function FaqNavLink(props: SlotProps) {
  return (
    <li>
      <a href="/faq">{props.t('faq.nav')}</a>
    </li>
  );
}

/** Beside the new-topic composer: answers that may already exist (see composer.tsx). */
export function ComposerSuggestions(props: SlotProps<ComposerContext>) {
  const panel = useClientPart<SlotProps<ComposerContext>>(() => import('./composer'));
  return (
    <aside class="card faq-composer" aria-labelledby="faq-composer-title">
      <h2 id="faq-composer-title" class="card-title">
        {props.t('faq.composer.title')}
      </h2>
      <Show
        when={panel()}
        fallback={<p class="faq-composer-status muted">{props.t('faq.composer.intro')}</p>}
      >
        {(part) => <Dynamic component={part()} {...props} />}
      </Show>
    </aside>
  );
}

export interface TopicContext {
  topic: { id: number; plugins?: Record<string, unknown> };
  posts: { id: number; number: number; deleted: boolean; author: { displayName: string } }[];
}

/** Under a topic's opening post: the FAQ article made from it, or (staff) the way to make one. */
export function TopicFaq(props: SlotProps<TopicContext>) {
  const promote = () => (props.context.topic.plugins?.faq as TopicFaqData | undefined)?.canPromote === true;
  const form = useClientPart<SlotProps<TopicContext>>(() =>
    promote() ? import('./promote') : Promise.reject(new Error('not staff')),
  );
  const data = () => props.context.topic.plugins?.faq as TopicFaqData | undefined;
  return (
    <Show when={data()}>
      {(faq) => (
        <div class="faq-topic">
          <Show when={faq().article}>
            {(article) => (
              <p class="faq-topic-link">
                {props.t('faq.topic.in_faq')} <a href={`/faq/${article().slug}`}>{article().question}</a>
                <Show when={article().status === 'draft'}>
                  {' '}
                  <span class="tag tag-warning">{props.t('faq.draft')}</span>
                </Show>
              </p>
            )}
          </Show>
          <Show when={!faq().article && faq().canPromote && form()}>
            {(part) => <Dynamic component={part()} {...props} />}
          </Show>
        </div>
      )}
    </Show>
  );
}
