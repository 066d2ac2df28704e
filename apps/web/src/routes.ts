import type { Locale } from '@parvis/domain';
import type { SlotName } from '@parvis/plugin-sdk/slots';
import type { Api, Session } from './api';
import type { Translate } from './i18n';
import type { ErrorData } from './pages/ErrorPage';
import { slotKey, webPlugins } from './plugins';
import { type AnyPage, compilePath, type Head, type PageState, type RouteEntry } from './router';

export const routes: readonly RouteEntry[] = [
  {
    id: 'home',
    path: '/',
    source: 'apps/web/src/pages/Home.tsx',
    slots: ['home.aside', 'topic-list.badges'],
    page: () => import('./pages/Home').then((m) => m.homePage),
  },
  {
    id: 'category',
    path: '/c/:slug',
    source: 'apps/web/src/pages/Category.tsx',
    slots: ['category.header', 'topic-list.badges'],
    page: () => import('./pages/Category').then((m) => m.categoryPage),
  },
  {
    id: 'topic',
    path: '/t/:slug/:id',
    source: 'apps/web/src/pages/Topic.tsx',
    slots: ['topic.after-first-post', 'post.badges', 'post.actions', 'topic.after-posts'],
    page: () => import('./pages/Topic').then((m) => m.topicPage),
  },
  {
    id: 'profile',
    path: '/u/:username',
    source: 'apps/web/src/pages/Profile.tsx',
    slots: ['profile.aside'],
    page: () => import('./pages/Profile').then((m) => m.profilePage),
  },
  {
    id: 'search',
    path: '/search',
    source: 'apps/web/src/pages/Search.tsx',
    page: () => import('./pages/Search').then((m) => m.searchPage),
  },
  {
    id: 'sign-in',
    path: '/sign-in',
    source: 'apps/web/src/pages/Auth.tsx',
    page: () => import('./pages/Auth').then((m) => m.signInPage),
  },
  {
    id: 'sign-up',
    path: '/sign-up',
    source: 'apps/web/src/pages/Auth.tsx',
    page: () => import('./pages/Auth').then((m) => m.signUpPage),
  },
  {
    id: 'forgot-password',
    path: '/forgot-password',
    source: 'apps/web/src/pages/AccountLinks.tsx',
    page: () => import('./pages/AccountLinks').then((m) => m.forgotPasswordPage),
  },
  {
    id: 'reset-password',
    path: '/reset-password/:token',
    source: 'apps/web/src/pages/AccountLinks.tsx',
    page: () => import('./pages/AccountLinks').then((m) => m.resetPasswordPage),
  },
  {
    id: 'verify-email',
    path: '/verify-email/:token',
    source: 'apps/web/src/pages/AccountLinks.tsx',
    page: () => import('./pages/AccountLinks').then((m) => m.verifyEmailPage),
  },
  {
    id: 'new-topic',
    path: '/new-topic',
    source: 'apps/web/src/pages/NewTopic.tsx',
    slots: ['composer.aside'],
    page: () => import('./pages/NewTopic').then((m) => m.newTopicPage),
  },
  {
    id: 'admin',
    path: '/admin',
    source: 'apps/web/src/pages/Admin.tsx',
    slots: ['admin.category'],
    page: () => import('./pages/Admin').then((m) => m.adminPage),
  },
  {
    id: 'notifications',
    path: '/notifications',
    source: 'apps/web/src/pages/Notifications.tsx',
    page: () => import('./pages/Notifications').then((m) => m.notificationsPage),
  },
  {
    id: 'notification-settings',
    path: '/settings/notifications',
    source: 'apps/web/src/pages/NotificationSettings.tsx',
    page: () => import('./pages/NotificationSettings').then((m) => m.notificationSettingsPage),
  },
];

/** Pages added by plugins; each is served only while its plugin is enabled. */
const pluginRoutes: readonly RouteEntry[] = webPlugins.flatMap((plugin) =>
  (plugin.pages ?? []).map((page) => ({
    id: `${plugin.id}:${page.id}`,
    path: page.path,
    source: page.source,
    pluginId: plugin.id,
    page: page.page as unknown as RouteEntry['page'],
    ...(page.slots ? { slots: page.slots } : {}),
  })),
);

export const errorRoute: RouteEntry = {
  id: 'error',
  path: '/__error',
  source: 'apps/web/src/pages/ErrorPage.tsx',
  page: () => import('./pages/ErrorPage').then((m) => m.errorPage),
};

const matchers = [...routes, ...pluginRoutes].map((route) => ({ route, match: compilePath(route.path) }));

export function routeById(id: string): RouteEntry {
  return (
    routes.find((route) => route.id === id) ?? pluginRoutes.find((route) => route.id === id) ?? errorRoute
  );
}

export function matchRoute(pathname: string): { route: RouteEntry; params: Record<string, string> } | null {
  for (const { route, match } of matchers) {
    try {
      const params = match(pathname);
      if (params) return { route, params };
    } catch {
      // A malformed %-escape in the path: no page lives there.
      return null;
    }
  }
  return null;
}

const loaded = new Map<string, AnyPage>();

/** Loads a page's module once; afterwards `loadedPage` returns it synchronously for rendering. */
export async function ensurePage(id: string): Promise<AnyPage> {
  const cached = loaded.get(id);
  if (cached) return cached;
  const page = await routeById(id).page();
  loaded.set(id, page);
  return page;
}

export function loadedPage(id: string): AnyPage {
  const page = loaded.get(id);
  if (!page) throw new Error(`page ${id} rendered before its module was loaded`);
  return page;
}

export type LoadResult = { kind: 'page'; page: PageState } | { kind: 'redirect'; to: string; status: number };

async function loadSlots(
  slots: readonly SlotName[],
  session: Promise<Session>,
  api: Api,
  where: { params: Record<string, string>; query: URLSearchParams },
): Promise<Record<string, unknown>> {
  const { enabledPlugins } = await session;
  const get = async (path: string) => {
    const result = await api.getJson<unknown>(path);
    return result.ok ? result.data : null;
  };
  const jobs: Promise<[string, unknown]>[] = [];
  for (const plugin of webPlugins) {
    if (!enabledPlugins.includes(plugin.id)) continue;
    for (const slot of slots) {
      const load = plugin.load?.[slot];
      if (load && plugin.slots?.[slot]) {
        const key = slotKey(plugin.id, slot);
        jobs.push(
          load({ get, ...where }).then(
            (data): [string, unknown] => [key, data],
            (): [string, unknown] => [key, null],
          ),
        );
      }
    }
  }
  return Object.fromEntries(await Promise.all(jobs));
}

/** Finds the page for `url` (path + query) and loads its code and everything it needs to render. */
export async function loadPage(url: string, api: Api, session: Promise<Session>): Promise<LoadResult> {
  const [beforeHash = '/'] = url.split('#');
  const queryStart = beforeHash.indexOf('?');
  const pathname = queryStart === -1 ? beforeHash : beforeHash.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : beforeHash.slice(queryStart + 1));
  const matched = matchRoute(pathname || '/');
  // A disabled plugin's pages do not exist.
  const pluginId = matched?.route.pluginId;
  const found = pluginId && !(await session).enabledPlugins.includes(pluginId) ? null : matched;
  const slots: SlotName[] = ['nav.links', ...(found?.route.slots ?? [])];
  const slotData = loadSlots(slots, session, api, { params: found?.params ?? {}, query }).catch(() => ({}));

  const errorPage = async (status: number, message?: string): Promise<LoadResult> => {
    const data: ErrorData = message ? { status, message } : { status };
    const [slotValues] = await Promise.all([slotData, ensurePage(errorRoute.id)]);
    return {
      kind: 'page',
      page: { routeId: errorRoute.id, params: {}, url: beforeHash, status, data, slots: slotValues },
    };
  };

  if (!found) return errorPage(404);
  let outcome: Awaited<ReturnType<AnyPage['load']>>;
  try {
    const page = await ensurePage(found.route.id);
    outcome = await page.load({ api, params: found.params, query, url: beforeHash, session });
  } catch {
    return errorPage(500);
  }
  if (outcome.kind === 'redirect') return { kind: 'redirect', to: outcome.to, status: outcome.status ?? 302 };
  if (outcome.kind === 'error') return errorPage(outcome.status, outcome.message);
  return {
    kind: 'page',
    page: {
      routeId: found.route.id,
      params: found.params,
      url: beforeHash,
      status: outcome.status ?? 200,
      data: outcome.data,
      slots: await slotData,
    },
  };
}

export function headFor(page: PageState, t: Translate, locale: Locale): Head {
  const head = loadedPage(page.routeId).head(page.data, { t, locale, url: page.url });
  return { ...head, title: `${head.title} · ${t('app.name')}` };
}
