import type { Locale } from '@parvis/domain';
import type { Translate } from '@parvis/plugin-sdk/web';
import { TextArea } from '@parvis/ui';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { FaqHit } from './client';

/** One search result: highlighted title (the engine escapes the text and adds `<mark>`), kind, snippet. */
export function HitItem(props: {
  hit: FaqHit;
  t: Translate;
  onOpen?: (hit: FaqHit) => void;
  onKeyDown?: (event: KeyboardEvent) => void;
  compact?: boolean;
}) {
  const open = () => props.onOpen?.(props.hit);
  return (
    <li class="faq-hit">
      <a
        href={props.hit.url}
        class="faq-hit-title"
        innerHTML={props.hit.highlight.title || escapeText(props.hit.title)}
        onClick={open}
        onAuxClick={open}
        onKeyDown={(event) => props.onKeyDown?.(event)}
      />
      <span class={`tag${props.hit.kind === 'faq' ? '' : ' tag-quiet'}`}>
        {props.t(props.hit.kind === 'faq' ? 'faq.kind.faq' : 'faq.kind.question')}
      </span>
      <Show when={!props.compact && props.hit.highlight.snippet}>
        <p class="faq-hit-snippet" innerHTML={props.hit.highlight.snippet} />
      </Show>
    </li>
  );
}

function escapeText(text: string) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** Arrow keys move between the links of a result list; Escape goes back to the search box. */
export function listKeys(list: () => HTMLElement | undefined, input: () => HTMLElement | undefined) {
  return (event: KeyboardEvent) => {
    const links = [...(list()?.querySelectorAll<HTMLAnchorElement>('a.faq-hit-title') ?? [])];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      links[Math.min(links.length - 1, index + 1)]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index <= 0) input()?.focus();
      else links[index - 1]?.focus();
    } else if (event.key === 'Escape' && index >= 0) {
      event.preventDefault();
      input()?.focus();
    }
  };
}

export function HitList(props: {
  hits: FaqHit[];
  t: Translate;
  id?: string;
  label: string;
  ref?: (el: HTMLUListElement) => void;
  onOpen?: (hit: FaqHit) => void;
  onKeyDown?: (event: KeyboardEvent) => void;
  compact?: boolean;
}) {
  return (
    <ul class="faq-hits" id={props.id} aria-label={props.label} ref={props.ref}>
      <For each={props.hits}>
        {(hit) => (
          <HitItem
            hit={hit}
            t={props.t}
            onOpen={props.onOpen}
            onKeyDown={props.onKeyDown}
            compact={props.compact}
          />
        )}
      </For>
    </ul>
  );
}

type Render = (source: string) => string;
let renderer: Promise<Render> | undefined;
/** The Markdown renderer is big: fetched only once someone edits an answer. */
function loadRenderer(): Promise<Render> {
  renderer ??= import('@parvis/domain/markdown').then((module) => module.renderMarkdown);
  return renderer;
}

/** A Markdown textarea with a live preview made by the same renderer as the server. */
export function MarkdownField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  t: Translate;
  rows?: number;
}) {
  const [html, setHtml] = createSignal('');
  const [failed, setFailed] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const schedule = (source: string) => {
    clearTimeout(timer);
    const current = ++generation;
    if (!source.trim()) {
      setHtml('');
      return;
    }
    timer = setTimeout(() => {
      loadRenderer()
        .then((render) => {
          if (current === generation) setHtml(render(source));
        })
        .catch(() => setFailed(true));
    }, 150);
  };
  onCleanup(() => clearTimeout(timer));
  createEffect(on(() => props.value, schedule));
  return (
    <div class="editor">
      <TextArea
        id={props.id}
        label={props.label}
        hint={props.hint}
        value={props.value}
        onValue={props.onValue}
        error={props.error}
        rows={props.rows ?? 12}
        required
      />
      <Show when={html() || failed()}>
        <section class="preview" aria-labelledby={`${props.id}-preview-label`}>
          <p class="preview-label" id={`${props.id}-preview-label`}>
            {props.t('faq.editor.preview')}
          </p>
          <Show when={!failed()} fallback={<p class="muted">{props.t('faq.editor.preview_failed')}</p>}>
            <div class="prose" innerHTML={html()} />
          </Show>
        </section>
      </Show>
    </div>
  );
}

export function languageName(t: Translate, locale: Locale) {
  return t(`faq.language.${locale}`);
}
