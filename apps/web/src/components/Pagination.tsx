import { For, Show } from 'solid-js';
import { useApp } from '../context';

/** Page numbers to show: the first, the last, and a window around the current page. */
export function pageWindow(page: number, count: number): (number | null)[] {
  const wanted = new Set([1, count, page - 1, page, page + 1].filter((n) => n >= 1 && n <= count));
  const sorted = [...wanted].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  for (const [index, n] of sorted.entries()) {
    const previous = sorted[index - 1];
    if (previous !== undefined && n - previous > 1) result.push(null);
    result.push(n);
  }
  return result;
}

export function Pagination(props: { page: number; pageCount: number; href: (page: number) => string }) {
  const { t } = useApp();
  return (
    <Show when={props.pageCount > 1}>
      <nav class="pagination" aria-label={t('web.pagination.label')}>
        <ul>
          <Show when={props.page > 1}>
            <li>
              <a href={props.href(props.page - 1)} rel="prev">
                {t('web.pagination.previous')}
              </a>
            </li>
          </Show>
          <For each={pageWindow(props.page, props.pageCount)}>
            {(n) =>
              n === null ? (
                <li class="pagination-gap" aria-hidden="true">
                  …
                </li>
              ) : (
                <li>
                  <a
                    href={props.href(n)}
                    aria-current={n === props.page ? 'page' : undefined}
                    aria-label={t('web.pagination.page', { page: n })}
                  >
                    {n}
                  </a>
                </li>
              )
            }
          </For>
          <Show when={props.page < props.pageCount}>
            <li>
              <a href={props.href(props.page + 1)} rel="next">
                {t('web.pagination.next')}
              </a>
            </li>
          </Show>
        </ul>
      </nav>
    </Show>
  );
}
