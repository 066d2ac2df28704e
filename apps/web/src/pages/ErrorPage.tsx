import { Show } from 'solid-js';
import { PageTitle } from '../components/page';
import { useApp } from '../context';
import { definePage, type PageProps } from '../router';

export interface ErrorData {
  status: number;
  message?: string;
}

function ErrorView(props: PageProps<ErrorData>) {
  const { t } = useApp();
  const notFound = () => props.data.status === 404;
  return (
    <div class="content narrow error-page">
      <p class="error-code">{props.data.status}</p>
      <PageTitle>
        {t(
          notFound()
            ? 'web.not_found.title'
            : props.data.status === 403
              ? 'web.forbidden.title'
              : 'web.error.title',
        )}
      </PageTitle>
      <Show when={!notFound() && props.data.message}>
        <p>{props.data.message}</p>
      </Show>
      <p>{t(notFound() ? 'web.not_found.text' : 'web.error.text')}</p>
      <p>
        <a class="btn btn-primary" href="/">
          {t('web.not_found.home')}
        </a>{' '}
        <a class="btn btn-secondary" href="/search">
          {t('web.not_found.search')}
        </a>
      </p>
    </div>
  );
}

export const errorPage = definePage<ErrorData>({
  load: async () => ({ kind: 'error', status: 404 }),
  head: (data, { t, url }) => ({
    title: t(
      data.status === 404
        ? 'web.not_found.title'
        : data.status === 403
          ? 'web.forbidden.title'
          : 'web.error.title',
    ),
    canonical: url.split('?')[0] ?? '/',
    noindex: true,
  }),
  component: ErrorView,
});
