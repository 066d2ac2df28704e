import { createSignal } from 'solid-js';

/** The state of a form sent to the API: per-field errors, the summary message, and whether it is on its way. */
export function useFormState() {
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  return { errors, setErrors, message, setMessage, busy, setBusy };
}

/** Focuses an element once the update that shows it has rendered (an error summary, a confirmation). */
export function focusLater(selector: string) {
  queueMicrotask(() => document.querySelector<HTMLElement>(selector)?.focus());
}
