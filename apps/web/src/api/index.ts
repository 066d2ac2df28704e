import type { ApiRoutes } from '@parvis/api/routes/index';
import type { Locale, Role } from '@parvis/domain';
import { translate } from '@parvis/domain';
import { type ClientResponse, hc } from 'hono/client';
import type { StatusCode, SuccessStatusCode } from 'hono/utils/http-status';
import type {
  AdminUser,
  ApiErrorBody,
  ApiResult,
  Category,
  CategoryInput,
  CategoryRecord,
  LikeState,
  NotificationList,
  NotificationPreference,
  Post,
  PostSource,
  Profile,
  ProfilePost,
  Revision,
  SearchResults,
  Session,
  SessionUser,
  SiteSettings,
  TopicList,
  TopicPage,
} from './types';

export type * from './types';

/** Sends a request to a path under `/api/v1`, given without that prefix (e.g. `/session`). */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

export const API_BASE = '/api/v1';

/** The JSON a response carries when its status is a success, as the API's route types declare it. */
type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;

type Call<R> = () => Promise<R>;

/**
 * The one place the web talks to the API, typed by the API's own routes (`hc<ApiRoutes>`).
 * Every call resolves (never throws) to either the decoded body or the API's error, so pages
 * can show field errors and keep what was typed. The return types below are the shapes the
 * pages rely on: if the API's routes drift from them, this file stops compiling.
 */
export function createApi(fetcher: Fetcher, locale: () => Locale) {
  const client = hc<ApiRoutes>(API_BASE, {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      const url =
        typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url;
      return fetcher(url.startsWith(API_BASE) ? url.slice(API_BASE.length) : url, init);
    }) as typeof fetch,
    headers: { Accept: 'application/json' },
  });

  async function send<R extends ClientResponse<unknown, StatusCode>>(
    call: Call<R>,
  ): Promise<ApiResult<SuccessBody<R>>> {
    let response: R;
    try {
      response = await call();
    } catch {
      return {
        ok: false,
        status: 0,
        error: { code: 'network', message: translate(locale(), 'web.error.network') },
      };
    }
    if (response.status === 204) return { ok: true, status: 204, data: undefined as SuccessBody<R> };
    let decoded: unknown;
    try {
      decoded = await response.json();
    } catch {
      decoded = undefined;
    }
    if (response.ok && decoded !== undefined)
      return { ok: true, status: response.status, data: decoded as SuccessBody<R> };
    const error = (decoded as { error?: ApiErrorBody } | undefined)?.error;
    return {
      ok: false,
      status: response.ok ? 502 : response.status,
      error: error ?? { code: 'internal', message: translate(locale(), 'error.internal') },
    };
  }

  // State changes are JSON (the API refuses anything else), which also keeps them same-origin only.
  const json = { headers: { 'Content-Type': 'application/json' } };
  const id = (value: number) => ({ id: String(value) });

  return {
    session: (): Promise<ApiResult<Session>> => send(() => client.session.$get()),
    signUp: (input: {
      username: string;
      email: string;
      password: string;
      displayName?: string;
      locale: Locale;
    }): Promise<ApiResult<{ user: SessionUser }>> =>
      send(() => client.auth['sign-up'].$post({ json: input })),
    signIn: (input: { login: string; password: string }): Promise<ApiResult<{ user: SessionUser }>> =>
      send(() => client.auth['sign-in'].$post({ json: input })),
    verifyEmail: (input: {
      token: string;
    }): Promise<ApiResult<{ user: SessionUser; emailVerified: boolean }>> =>
      send(() => client.auth['verify-email'].$post({ json: input })),
    resendVerification: (): Promise<ApiResult<{ email: string; emailVerified: boolean }>> =>
      send(() => client.auth['verify-email'].resend.$post(undefined, json)),
    requestPasswordReset: (input: { email: string }): Promise<ApiResult<{ email: string }>> =>
      send(() => client.auth['password-reset'].request.$post({ json: input })),
    resetPassword: (input: { token: string; password: string }): Promise<ApiResult<{ user: SessionUser }>> =>
      send(() => client.auth['password-reset'].$post({ json: input })),
    signOut: (): Promise<ApiResult<unknown>> => send(() => client.auth['sign-out'].$post(undefined, json)),
    signOutEverywhere: (): Promise<ApiResult<unknown>> =>
      send(() => client.auth['sign-out-everywhere'].$post(undefined, json)),
    updateMe: (input: {
      locale?: Locale;
      displayName?: string;
      bio?: string;
    }): Promise<ApiResult<{ user: SessionUser }>> => send(() => client.me.$patch({ json: input })),

    categories: (): Promise<ApiResult<{ categories: Category[] }>> => send(() => client.categories.$get()),
    category: (slug: string): Promise<ApiResult<{ category: Category }>> =>
      send(() => client.categories[':slug'].$get({ param: { slug } })),
    topics: (query: {
      category?: string;
      order?: 'latest' | 'top';
      cursor?: string;
      limit?: number;
      /** Plugins' list filters (e.g. `{ status: 'solved' }`); the API checks their names and values. */
      filters?: Record<string, string>;
    }): Promise<ApiResult<TopicList>> =>
      send(() =>
        client.topics.$get({
          query: {
            ...query.filters,
            category: query.category,
            order: query.order,
            cursor: query.cursor,
            limit: query.limit === undefined ? undefined : String(query.limit),
          },
        }),
      ),
    createTopic: (input: {
      categoryId: number;
      title: string;
      body: string;
    }): Promise<ApiResult<{ topic: { id: number; slug: string } }>> =>
      send(() => client.topics.$post({ json: input })),
    topic: (topicId: number, page?: number): Promise<ApiResult<TopicPage>> =>
      send(() =>
        client.topics[':id'].$get({
          param: id(topicId),
          query: { page: page === undefined ? undefined : String(page) },
        }),
      ),
    reply: (topicId: number, body: string): Promise<ApiResult<{ post: Post }>> =>
      send(() => client.topics[':id'].posts.$post({ param: id(topicId), json: { body } })),

    post: (postId: number): Promise<ApiResult<{ post: PostSource }>> =>
      send(() => client.posts[':id'].$get({ param: id(postId) })),
    editPost: (postId: number, input: { body: string; title?: string }): Promise<ApiResult<{ post: Post }>> =>
      send(() => client.posts[':id'].$patch({ param: id(postId), json: input })),
    deletePost: (postId: number): Promise<ApiResult<unknown>> =>
      send(() => client.posts[':id'].$delete({ param: id(postId) }, json)),
    restorePost: (postId: number): Promise<ApiResult<{ post: Post }>> =>
      send(() => client.posts[':id'].restore.$post({ param: id(postId) }, json)),
    revisions: (postId: number): Promise<ApiResult<{ revisions: Revision[] }>> =>
      send(() => client.posts[':id'].revisions.$get({ param: id(postId) })),
    like: (postId: number): Promise<ApiResult<LikeState>> =>
      send(() => client.posts[':id'].like.$put({ param: id(postId) }, json)),
    unlike: (postId: number): Promise<ApiResult<LikeState>> =>
      send(() => client.posts[':id'].like.$delete({ param: id(postId) }, json)),

    notifications: (): Promise<ApiResult<NotificationList>> => send(() => client.notifications.$get()),
    markRead: (ids?: number[]): Promise<ApiResult<{ unread: number }>> =>
      send(() => client.notifications.read.$post({ json: ids ? { ids } : {} })),
    notificationPreferences: (): Promise<ApiResult<{ preferences: NotificationPreference[] }>> =>
      send(() => client.me['notification-preferences'].$get()),
    updateNotificationPreferences: (
      email: Record<string, boolean>,
    ): Promise<ApiResult<{ preferences: NotificationPreference[] }>> =>
      send(() => client.me['notification-preferences'].$put({ json: { email } })),

    user: (username: string): Promise<ApiResult<{ user: Profile; posts: ProfilePost[] }>> =>
      send(() => client.users[':username'].$get({ param: { username } })),
    search: (query: {
      q: string;
      category?: string;
      limit?: number;
      offset?: number;
    }): Promise<ApiResult<SearchResults>> =>
      send(() =>
        client.search.$get({
          query: {
            q: query.q,
            category: query.category,
            limit: query.limit === undefined ? undefined : String(query.limit),
            offset: query.offset === undefined ? undefined : String(query.offset),
          },
        }),
      ),

    siteSettings: (): Promise<ApiResult<{ settings: SiteSettings }>> =>
      send(() => client.admin.settings.$get()),
    updateSiteSettings: (input: Partial<SiteSettings>): Promise<ApiResult<{ settings: SiteSettings }>> =>
      send(() => client.admin.settings.$patch({ json: input })),
    adminUsers: (query: { q?: string; role?: Role }): Promise<ApiResult<{ users: AdminUser[] }>> =>
      send(() => client.admin.users.$get({ query: { q: query.q, role: query.role } })),
    setRole: (username: string, role: Role): Promise<ApiResult<{ user: SessionUser }>> =>
      send(() => client.admin.users[':username'].role.$put({ param: { username }, json: { role } })),
    createCategory: (input: CategoryInput): Promise<ApiResult<{ category: CategoryRecord }>> =>
      send(() => client.admin.categories.$post({ json: input })),
    updateCategory: (
      categoryId: number,
      input: Partial<CategoryInput>,
    ): Promise<ApiResult<{ category: CategoryRecord }>> =>
      send(() => client.admin.categories[':id'].$patch({ param: id(categoryId), json: input })),

    /** Any other GET under `/api/v1`: plugins' own endpoints (e.g. `/plugins/welcome/tip`), untyped here. */
    getJson: async <T>(path: string): Promise<ApiResult<T>> =>
      send(() => fetcher(path.startsWith('/') ? path : `/${path}`) as Promise<ClientResponse<T, 200>>),
    /** Any other state change under `/api/v1` (plugins' endpoints), sent as JSON. */
    sendJson: async <T>(
      method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      path: string,
      body?: unknown,
    ): Promise<ApiResult<T>> =>
      send(
        () =>
          fetcher(path.startsWith('/') ? path : `/${path}`, {
            method,
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify(body ?? {}),
          }) as Promise<ClientResponse<T, 200>>,
      ),
  };
}

export type Api = ReturnType<typeof createApi>;
