import type { JSX } from 'solid-js';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps {
  children: JSX.Element;
  onClick?: (event: MouseEvent) => void;
  type?: 'button' | 'submit';
  variant?: ButtonVariant;
  /** Work in progress: the button stays focusable (unlike `disabled`) but announces it is busy. */
  busy?: boolean;
  small?: boolean;
  disabled?: boolean;
  class?: string;
  id?: string;
  'aria-pressed'?: 'true' | 'false';
  'aria-expanded'?: 'true' | 'false';
  'aria-label'?: string;
  'aria-describedby'?: string;
  'data-action'?: string;
}

// Explicit attributes rather than a props spread: buttons repeat on every post, and spreads are
// the slow path of server rendering.
export function Button(props: ButtonProps) {
  return (
    <button
      type={props.type ?? 'button'}
      class={`btn btn-${props.variant ?? 'secondary'}${props.small ? ' btn-small' : ''}${props.class ? ` ${props.class}` : ''}`}
      id={props.id}
      disabled={props.disabled}
      aria-pressed={props['aria-pressed']}
      aria-expanded={props['aria-expanded']}
      aria-label={props['aria-label']}
      aria-describedby={props['aria-describedby']}
      aria-busy={props.busy ? 'true' : undefined}
      aria-disabled={props.busy ? 'true' : undefined}
      data-action={props['data-action']}
      onClick={(event) => {
        if (props.busy) {
          event.preventDefault();
          return;
        }
        props.onClick?.(event);
      }}
    >
      {props.children}
    </button>
  );
}
