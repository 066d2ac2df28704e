import { type JSX, Show } from 'solid-js';

export interface AlertProps {
  /** `error` interrupts screen readers (role="alert"); `info` and `success` wait their turn. */
  tone?: 'error' | 'info' | 'success';
  title?: JSX.Element;
  children?: JSX.Element;
  id?: string;
}

export function Alert(props: AlertProps) {
  const tone = () => props.tone ?? 'info';
  return (
    <div
      id={props.id}
      class={`alert alert-${tone()}`}
      role={tone() === 'error' ? 'alert' : 'status'}
      tabindex={tone() === 'error' ? -1 : undefined}
    >
      <Show when={props.title}>
        <p class="alert-title">{props.title}</p>
      </Show>
      {props.children}
    </div>
  );
}

export function VisuallyHidden(props: { children: JSX.Element }) {
  return <span class="visually-hidden">{props.children}</span>;
}
