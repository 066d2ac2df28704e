import './page-messages';
import type { SlotProps } from '@parvis/plugin-sdk/web';
import { type Accessor, createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import {
  composerQuery,
  createSearcher,
  type FaqHit,
  plural,
  randomId,
  rememberOpened,
  sendLate,
} from './client';
import { HitList } from './components';

/** What the new-topic page gives the `composer.aside` slot. */
export interface ComposerContext {
  title: Accessor<string>;
  body: Accessor<string>;
  category: Accessor<{ slug: string } | undefined>;
  /** Set once the topic is posted, just before the composer goes away. */
  postedTopicId: Accessor<number | null>;
}

/**
 * Suggests FAQ articles and solved questions while a member writes a new topic, and records the
 * visit (see domain/deflection.ts): suggestions shown (by the search itself), suggestions opened,
 * and at the end whether the topic was posted. Runs in the browser only.
 */
export default function ComposerPanel(props: SlotProps<ComposerContext>) {
  const { t } = props;
  const session = randomId();
  const searcher = createSearcher();
  const [hits, setHits] = createSignal<FaqHit[] | null>(null);
  const opened = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;

  const end = () => {
    if (ended) return;
    ended = true;
    sendLate('/deflection', {
      sessionId: session,
      kind: 'ended',
      opened: [...opened],
      postedTopicId: props.context.postedTopicId(),
    });
  };
  // Coming back through the browser's history revives the visit.
  const revive = (event: PageTransitionEvent) => {
    if (event.persisted) ended = false;
  };
  onMount(() => {
    window.addEventListener('pagehide', end);
    window.addEventListener('pageshow', revive);
  });
  onCleanup(() => {
    clearTimeout(timer);
    searcher.abort();
    window.removeEventListener('pagehide', end);
    window.removeEventListener('pageshow', revive);
    end();
  });

  createEffect(
    on(
      () => composerQuery(props.context.title(), props.context.body()),
      (q) => {
        clearTimeout(timer);
        if (q.replace(/\W/g, '').length < 3) {
          searcher.abort();
          setHits(null);
          return;
        }
        timer = setTimeout(async () => {
          const found = await searcher.search({ q, limit: 5, source: 'composer', session });
          if (found && found !== 'failed') setHits(found.hits);
        }, 300);
      },
    ),
  );

  const open = (hit: FaqHit) => {
    if (opened.has(hit.id)) return;
    opened.add(hit.id);
    rememberOpened(session, hit.url);
    sendLate('/deflection', { sessionId: session, kind: 'opened', opened: [hit.id] });
  };

  return (
    <>
      <p class="faq-composer-status muted" role="status" aria-live="polite">
        {hits() === null
          ? t('faq.composer.intro')
          : hits()!.length > 0
            ? plural(t, props.locale, 'faq.composer.found', hits()!.length)
            : t('faq.composer.none')}
      </p>
      <Show when={hits()?.length}>
        <HitList hits={hits()!} t={t} label={t('faq.composer.title')} onOpen={open} compact />
      </Show>
    </>
  );
}
