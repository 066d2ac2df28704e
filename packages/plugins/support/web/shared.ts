import type { ApiResult, WebHost } from '@parvis/plugin-sdk/web';
import type { SupportCategoryData, SupportTopicData } from '../domain/data';

/** What the web app's pages give the slots this plugin fills (only the fields used here). */
export interface TopicRef {
  id: number;
  slug: string;
  title: string;
  replyCount?: number;
  plugins?: Record<string, unknown>;
}
export interface PostRef {
  id: number;
  number: number;
  deleted: boolean;
  author: { username: string; displayName: string };
}
export interface CategoryRef {
  id: number;
  slug: string;
  name: string;
  plugins?: Record<string, unknown>;
}

export const questionOf = (topic: TopicRef | undefined): SupportTopicData | null =>
  (topic?.plugins?.support as SupportTopicData | undefined) ?? null;

export const isQaCategory = (category: CategoryRef | undefined): boolean =>
  (category?.plugins?.support as SupportCategoryData | undefined)?.qa === true;

export const profileUrl = (username: string) => `/u/${encodeURIComponent(username)}`;

export const supportApi = {
  accept: (host: WebHost, topicId: number, postId: number) =>
    host.api.sendJson<{ question: SupportTopicData }>('PUT', `/plugins/support/topics/${topicId}/answer`, {
      postId,
    }),
  unaccept: (host: WebHost, topicId: number) =>
    host.api.sendJson<{ question: SupportTopicData }>('DELETE', `/plugins/support/topics/${topicId}/answer`),
  claim: (host: WebHost, topicId: number, force: boolean) =>
    host.api.sendJson<{ question: SupportTopicData }>('PUT', `/plugins/support/topics/${topicId}/claim`, {
      force,
    }),
  release: (host: WebHost, topicId: number) =>
    host.api.sendJson<{ question: SupportTopicData }>('DELETE', `/plugins/support/topics/${topicId}/claim`),
  setQa: (host: WebHost, categoryId: number, qa: boolean) =>
    host.api.sendJson<{ category: { id: number; qa: boolean } }>(
      'PUT',
      `/plugins/support/categories/${categoryId}`,
      { qa },
    ),
};

/** The message to show for a failed call: a field's message when there is one, else the error's. */
export function problem(result: Extract<ApiResult<unknown>, { ok: false }>): string {
  const fields = Object.values(result.error.fields ?? {});
  return fields[0] ?? result.error.message;
}

/** "3 hours", "2 days": how long something has waited, the same on the server and in the browser. */
export function formatDuration(locale: string, seconds: number): string {
  const [value, unit] =
    seconds < 3600
      ? [Math.max(1, Math.round(seconds / 60)), 'minute']
      : seconds < 86400 * 2
        ? [Math.round(seconds / 3600), 'hour']
        : [Math.round(seconds / 86400), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
