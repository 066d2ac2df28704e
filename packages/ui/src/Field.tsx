import { For, type JSX } from 'solid-js';

interface FieldFrame {
  id: string;
  label: JSX.Element;
  hint?: JSX.Element;
  /** Message shown beside the input; also marks it invalid for assistive technology. */
  error?: string | undefined;
  class?: string;
  name?: string;
  required?: boolean;
}

function describedBy(props: FieldFrame): string | undefined {
  if (props.hint && props.error) return `${props.id}-hint ${props.id}-error`;
  if (props.hint) return `${props.id}-hint`;
  return props.error ? `${props.id}-error` : undefined;
}

// Attributes are listed explicitly rather than spread: spreads are the slow path of server rendering.
function Frame(props: FieldFrame & { children: JSX.Element }) {
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label class="field-label" for={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <p class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export interface TextFieldProps extends FieldFrame {
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'search' | 'url';
  /** The on-screen keyboard to offer, e.g. `numeric` for a whole number. */
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'url' | 'search';
  autocomplete?: string;
  maxLength?: number;
  placeholder?: string;
}

export function TextField(props: TextFieldProps) {
  return (
    <Frame id={props.id} label={props.label} hint={props.hint} error={props.error} class={props.class}>
      <input
        id={props.id}
        class="input"
        name={props.name}
        type={props.type ?? 'text'}
        inputmode={props.inputMode}
        value={props.value}
        onInput={(event) => props.onValue(event.currentTarget.value)}
        required={props.required}
        autocomplete={props.autocomplete}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </Frame>
  );
}

export interface TextAreaProps extends FieldFrame {
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  maxLength?: number;
  onFocus?: () => void;
}

export function TextArea(props: TextAreaProps) {
  return (
    <Frame id={props.id} label={props.label} hint={props.hint} error={props.error} class={props.class}>
      <textarea
        id={props.id}
        class="input textarea"
        name={props.name}
        value={props.value}
        onInput={(event) => props.onValue(event.currentTarget.value)}
        onFocus={() => props.onFocus?.()}
        rows={props.rows}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </Frame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends FieldFrame {
  value: string;
  onValue: (value: string) => void;
  options: readonly SelectOption[];
  /** Text of a first, empty choice (e.g. "Choose a category"). */
  placeholder?: string;
}

export function SelectField(props: SelectFieldProps) {
  return (
    <Frame id={props.id} label={props.label} hint={props.hint} error={props.error} class={props.class}>
      <select
        id={props.id}
        class="input select"
        name={props.name}
        required={props.required}
        onChange={(event) => props.onValue(event.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.placeholder ? (
          <option value="" selected={props.value === ''}>
            {props.placeholder}
          </option>
        ) : null}
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </Frame>
  );
}
