import { TextArea } from '@parvis/ui';
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { useApp } from '../context';

type Render = (source: string) => string;
let renderer: Promise<Render> | undefined;

/** The Markdown renderer is big: fetch it only once someone starts writing. */
function loadRenderer(): Promise<Render> {
  renderer ??= import('@parvis/domain/markdown').then((module) => module.renderMarkdown);
  return renderer;
}

export interface MarkdownEditorProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  rows?: number;
  required?: boolean;
  maxLength?: number;
}

/** A Markdown textarea with a live preview rendered by the same renderer as the server. */
export function MarkdownEditor(props: MarkdownEditorProps) {
  const { t } = useApp();
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
    }, 120);
  };
  onCleanup(() => clearTimeout(timer));
  // Effects only run in the browser; this also follows resets (e.g. the composer cleared after posting).
  createEffect(on(() => props.value, schedule));

  return (
    <div class="editor">
      <TextArea
        id={props.id}
        label={props.label}
        hint={t('web.editor.hint')}
        value={props.value}
        onValue={props.onValue}
        onFocus={() => void loadRenderer().catch(() => setFailed(true))}
        error={props.error}
        rows={props.rows ?? 8}
        required={props.required}
        maxLength={props.maxLength}
      />
      <Show when={html() || failed()}>
        <section class="preview" aria-labelledby={`${props.id}-preview-label`}>
          <p class="preview-label" id={`${props.id}-preview-label`}>
            {t('web.editor.preview')}
          </p>
          <Show when={!failed()} fallback={<p class="muted">{t('web.editor.preview_failed')}</p>}>
            <div class="prose" innerHTML={html()} />
          </Show>
        </section>
      </Show>
    </div>
  );
}
