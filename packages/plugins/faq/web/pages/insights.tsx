import '../page-messages';
import { definePluginPage, type PluginPageProps } from '@parvis/plugin-sdk/web';
import { For, Show } from 'solid-js';
import { formatDate } from '../client';
import { languageName } from '../components';
import { staffOnly } from './editor';

interface Insights {
  since: string;
  visits: {
    visits: number;
    withSuggestions: number;
    opened: number;
    deflected: number;
    postedAnyway: number;
    posted: number;
    abandoned: number;
    inProgress: number;
  };
  deflectionRate: number | null;
  topOpened: { id: string; count: number; kind: 'faq' | 'question'; title: string; url: string }[];
  gaps: { query: string; locale: 'fr' | 'en'; count: number; lastSeen: string }[];
}

interface InsightsData {
  days: number;
  insights: Insights;
}

const periods = [7, 30, 90] as const;

function InsightsPage(props: PluginPageProps<InsightsData>) {
  const { t } = props.host;
  const locale = () => props.host.locale;
  const n = (value: number) => new Intl.NumberFormat(locale()).format(value);
  const v = () => props.data.insights.visits;
  const rate = () => {
    const value = props.data.insights.deflectionRate;
    return value === null ? '—' : new Intl.NumberFormat(locale(), { style: 'percent' }).format(value);
  };
  return (
    <div class="content faq-insights">
      <h1 class="page-title" tabindex="-1">
        {t('faq.insights.title')}
      </h1>
      <nav class="segmented" aria-label={t('faq.insights.title')}>
        <For each={periods}>
          {(days) => (
            <a
              href={`/faq/insights?days=${days}`}
              aria-current={props.data.days === days ? 'page' : undefined}
            >
              {t('faq.insights.period', { days })}
            </a>
          )}
        </For>
      </nav>
      <dl class="stats">
        <div>
          <dt>{t('faq.insights.visits')}</dt>
          <dd>{n(v().visits)}</dd>
        </div>
        <div>
          <dt>{t('faq.insights.with_suggestions')}</dt>
          <dd>{n(v().withSuggestions)}</dd>
        </div>
        <div>
          <dt>{t('faq.insights.opened')}</dt>
          <dd>{n(v().opened)}</dd>
        </div>
        <div>
          <dt>{t('faq.insights.deflected')}</dt>
          <dd>{n(v().deflected)}</dd>
        </div>
        <div>
          <dt>{t('faq.insights.posted_anyway')}</dt>
          <dd>{n(v().postedAnyway)}</dd>
        </div>
        <div>
          <dt>{t('faq.insights.abandoned')}</dt>
          <dd>{n(v().abandoned)}</dd>
        </div>
        <div>
          <dt>{t('faq.insights.in_progress')}</dt>
          <dd>{n(v().inProgress)}</dd>
        </div>
        <div>
          <dt>{t('faq.insights.rate')}</dt>
          <dd>{rate()}</dd>
        </div>
      </dl>
      <p class="muted">{t('faq.insights.rate_hint')}</p>
      <p class="muted">{t('faq.insights.rule')}</p>

      <section aria-labelledby="faq-top-opened">
        <h2 id="faq-top-opened">{t('faq.insights.top_opened')}</h2>
        <Show
          when={props.data.insights.topOpened.length > 0}
          fallback={<p class="muted">{t('faq.insights.none')}</p>}
        >
          <div class="table-scroll">
            <table class="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('faq.editor.question')}</th>
                  <th scope="col">{t('faq.insights.times')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.data.insights.topOpened}>
                  {(row) => (
                    <tr>
                      <td>
                        <a href={row.url}>{row.title}</a>{' '}
                        <span class={`tag${row.kind === 'faq' ? '' : ' tag-quiet'}`}>
                          {t(row.kind === 'faq' ? 'faq.kind.faq' : 'faq.kind.question')}
                        </span>
                      </td>
                      <td>{n(row.count)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>

      <section aria-labelledby="faq-gaps">
        <h2 id="faq-gaps">{t('faq.insights.gaps')}</h2>
        <Show
          when={props.data.insights.gaps.length > 0}
          fallback={<p class="muted">{t('faq.insights.none')}</p>}
        >
          <div class="table-scroll">
            <table class="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('faq.insights.gap_query')}</th>
                  <th scope="col">{t('faq.insights.gap_locale')}</th>
                  <th scope="col">{t('faq.insights.gap_count')}</th>
                  <th scope="col">{t('faq.insights.gap_last')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.data.insights.gaps}>
                  {(gap) => (
                    <tr>
                      <td lang={gap.locale}>{gap.query}</td>
                      <td>{languageName(t, gap.locale)}</td>
                      <td>{n(gap.count)}</td>
                      <td>{formatDate(locale(), gap.lastSeen)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>
    </div>
  );
}

export const insightsPage = definePluginPage<InsightsData>({
  load: (args) =>
    staffOnly(args, async () => {
      const days = Number(args.query.get('days'));
      const chosen = periods.includes(days as never) ? days : 30;
      const result = await args.api.getJson<Insights>(`/plugins/faq/insights?days=${chosen}`);
      if (!result.ok) return { kind: 'error', status: result.status || 503, message: result.error.message };
      return { kind: 'page', data: { days: chosen, insights: result.data } };
    }),
  head: (data, { t }) => ({
    title: t('faq.insights.title'),
    canonical: `/faq/insights?days=${data.days}`,
    noindex: true,
  }),
  component: InsightsPage,
});
