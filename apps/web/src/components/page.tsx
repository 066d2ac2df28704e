import type { JSX } from 'solid-js';
import type { ApiResult } from '../api';
import { type LoadOutcome, signInUrl } from '../router';

/** Turns a failed API call into what the page shows: sign-in for 401, else an error page. */
export function failure<T>(result: Extract<ApiResult<unknown>, { ok: false }>, url: string): LoadOutcome<T> {
  if (result.status === 401) return { kind: 'redirect', to: signInUrl(url), status: 302 };
  return { kind: 'error', status: result.status === 0 ? 503 : result.status, message: result.error.message };
}

/** The page's one h1; focusable so client-side navigation can move focus to it. */
export function PageTitle(props: { children: JSX.Element; id?: string }) {
  return (
    <h1 class="page-title" id={props.id} tabindex="-1">
      {props.children}
    </h1>
  );
}

/** Plain text of sanitized post HTML, shortened, for `<meta name="description">`. */
export function summarize(html: string, max = 160): string {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, entity: string) =>
      entity === 'amp'
        ? '&'
        : entity === 'lt'
          ? '<'
          : entity === 'gt'
            ? '>'
            : entity === 'nbsp'
              ? ' '
              : entity === 'quot'
                ? '"'
                : "'",
    )
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
