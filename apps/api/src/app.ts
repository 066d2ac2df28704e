import { serveStatic } from '@hono/node-server/serve-static';
import type { ApiOperation, HostEnv, HostServices } from '@parvis/plugin-sdk';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { SessionCache } from './auth/session-cache';
import { postingContext } from './forum/posting';
import { handleError } from './http/error-handler';
import { AppError } from './http/errors';
import {
  clientIp,
  originCheck,
  type ResolvedSession,
  requestContext,
  resolvedSessionKey,
  securityHeaders,
  sessionLoader,
} from './http/middleware';
import { apiReferencePage, coreOperations, openApiDocument, withTopicFilters } from './http/openapi';
import type { LiveHub } from './live/hub';
import type { MailService } from './mail/index';
import { unsubscribeRoutes } from './mail/unsubscribe-page';
import { type MemberLikes, ownPageData, sharedPageKey, standInSession } from './pages/member-pages';
import {
  type EncodedPage,
  type PageRequest,
  type PageResult,
  type RenderPage,
  type SharedPageRenderer,
  webClientDir,
} from './pages/renderer';
import {
  type ApiSnapshot,
  noncePlaceholder,
  type ResponseCache,
  type SharedResponses,
} from './pages/response-cache';
import type { PluginExtensions } from './plugins/extensions';
import { sessionView } from './routes/account';
import { createApiRoutes } from './routes/index';

export interface AppOptions {
  services: HostServices;
  publicUrl?: string | undefined;
  trustProxy: boolean;
  plugins: {
    ids: string[];
    routers: { id: string; router: Hono<HostEnv> }[];
    /** The enabled plugins' operations, paths under /api/v1: documented beside the core's. */
    operations: ApiOperation[];
    extensions: PluginExtensions;
  };
  renderPage: RenderPage | null;
  /** When set, plain members' pages are shared per role where nothing on them is their own. */
  sharedPages: SharedPageRenderer | null;
  isReady: () => Promise<boolean>;
  shared: SharedResponses;
  sessions: SessionCache;
  memberLikes: MemberLikes;
  live: LiveHub;
  mail: MailService;
}

export function createApp(options: AppOptions) {
  const { services, plugins } = options;
  const app = new Hono<HostEnv>();
  app.onError(handleError);
  app.use(requestContext(services));
  app.use(securityHeaders());
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) =>
    (await options.isReady()) ? c.json({ status: 'ready' }) : c.json({ status: 'starting' }, 503),
  );
  app.use(
    '/assets/*',
    async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    },
    serveStatic({ root: webClientDir }),
  );
  const limitBody = bodyLimit({
    maxSize: 1024 * 1024,
    onError: () => {
      throw new AppError('payload_too_large');
    },
  });
  // Reads carry no body, and asking for one makes the Node adapter build a whole Request (with
  // its AbortSignal): 4 % of an API read's time.
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );
  app.use(originCheck(options.publicUrl));
  app.use(sessionLoader(options.sessions, options.publicUrl));
  app.use(async (c, next) => {
    c.set('clientIp', clientIp(c, options.trustProxy));
    await next();
  });
  // A change made through this instance clears its guest caches at once, so the next read here
  // sees it; other instances clear theirs when the change's event reaches them. Routes whose
  // writes guests cannot see say so with `keepGuestCaches`.
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return;
    const user = c.get('user');
    // What a member did may put their likes on a shared page; read them again before their next one.
    if (user) options.memberLikes.forget(user.id);
    if (c.res.status >= 400) return;
    // Whatever sessions the change touched (a sign-out, a new role, a reset password) are
    // announced by PostgreSQL; wait until this instance heard it, so the next request here is
    // answered without them. A round trip per write, none per read.
    await options.sessions.sync();
    if (!c.get('keepGuestCaches')) options.shared.clear();
  });
  app.use('/api/v1/*', sharedApiReads(options.shared.api));
  app.route(
    '/api/v1',
    createApiRoutes({
      publicUrl: options.publicUrl,
      trustProxy: options.trustProxy,
      enabledPlugins: () => plugins.ids,
      extensions: plugins.extensions,
      live: options.live,
      notificationKinds: options.mail.kinds,
    }),
  );
  for (const { id, router } of plugins.routers) app.route(`/api/v1/plugins/${id}`, router);
  // Only what is mounted is described: a disabled plugin's routes are in neither.
  const operations = [
    ...withTopicFilters(coreOperations, plugins.extensions.topicFilters),
    ...plugins.operations,
  ];
  const document = openApiDocument(operations);
  app.get('/api/v1/openapi.json', (c) => c.json(document));
  app.get('/api', (c) => c.html(apiReferencePage(c.get('locale'), operations)));
  app.all('/api/*', () => {
    throw new AppError('not_found');
  });
  app.route('/unsubscribe', unsubscribeRoutes(options.mail));
  app.get('/favicon.svg', serveStatic({ root: webClientDir }));
  app.get('/robots.txt', serveStatic({ root: webClientDir }));

  /**
   * A plain member's page from the rendering shared by their kind of member, completed with their
   * header, and with where their own page differs when something on it is theirs; null when it
   * must be rendered for them alone (see pages/member-pages.ts).
   */
  const memberPage = async (
    c: Context<HostEnv>,
    user: NonNullable<HostEnv['Variables']['user']>,
    request: (nonce: string, session?: ResolvedSession) => PageRequest,
  ): Promise<EncodedPage | null> => {
    const shared = options.sharedPages;
    const unread = c.get('unreadNotifications');
    const key = shared ? sharedPageKey(user, unread, new URL(c.req.url)) : null;
    if (!shared || key === null) return null;
    const page = await options.shared.memberPages.serve(key, () =>
      shared.render(request(noncePlaceholder, standInSession(user, unread))),
    );
    if ('html' in page || page.status !== 200) return null;
    const session = sessionView(user, c.get('locale'), unread, plugins.ids);
    const nonce = c.get('nonce');
    const own = await ownPageData(
      options.memberLikes,
      page,
      c.get('actor')!,
      await postingContext(c),
      plugins.extensions,
    );
    if (own === null) return null;
    const overlay = own === page.page.data ? [] : shared.overlay(page, own);
    return shared.personalize(page, { session, nonce, overlay });
  };

  // Every other GET is a page, rendered by the web app with data from the API above, in-process.
  app.get('*', async (c) => {
    if (!options.renderPage) {
      return c.html(
        '<!doctype html><title>Parvis</title><p>The web app is not built yet: run <code>pnpm build</code>.</p>',
        503,
      );
    }
    const forwarded = new Headers();
    for (const name of ['cookie', 'accept-language', 'user-agent']) {
      const value = c.req.header(name);
      if (value) forwarded.set(name, value);
    }
    forwarded.set('x-request-id', c.get('requestId'));
    const url = new URL(c.req.url);
    /** A page request whose API calls run in-process as `session` (by default, the visitor's own). */
    const request = (nonce: string, session?: ResolvedSession): PageRequest => ({
      url: url.pathname + url.search,
      nonce,
      fetchApi: (path, init) => {
        const headers = new Headers(forwarded);
        // A stand-in carries none of the visitor's cookies.
        if (session) headers.delete('cookie');
        for (const [key, value] of new Headers(init?.headers)) headers.set(key, value);
        const resolved: ResolvedSession = session ?? {
          user: c.get('user'),
          sessionId: c.get('sessionId'),
          unreadNotifications: c.get('unreadNotifications'),
        };
        return Promise.resolve(
          app.request(
            `/api/v1${path}`,
            { ...init, headers },
            { ...(c.env as object), [resolvedSessionKey]: resolved },
          ),
        );
      },
    });
    const user = c.get('user');
    const nonce = c.get('nonce');
    const result =
      user === null
        ? withNonce(
            await options.shared.guestPages.serve(guestPageKey(c), () =>
              options.renderPage!(request(noncePlaceholder)),
            ),
            nonce,
          )
        : ((await memberPage(c, user, request)) ?? encodePage(await options.renderPage(request(nonce))));
    for (const [name, value] of Object.entries(result.headers ?? {})) c.header(name, value);
    c.header('Content-Type', 'text/html; charset=UTF-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(result.body as Uint8Array<ArrayBuffer>, result.status as 200);
  });
  return app;
}

const encoder = new TextEncoder();

function encodePage(page: PageResult): EncodedPage {
  return {
    status: page.status,
    body: encoder.encode(page.html),
    ...(page.headers ? { headers: page.headers } : {}),
  };
}

/** Guests' cached pages as UTF-8, cut where their nonce goes: each view only inserts its own. */
const guestPageBytes = new WeakMap<PageResult, Uint8Array[]>();

function withNonce(page: PageResult, nonce: string): EncodedPage {
  let pieces = guestPageBytes.get(page);
  if (!pieces) {
    pieces = page.html.split(noncePlaceholder).map((piece) => encoder.encode(piece));
    guestPageBytes.set(page, pieces);
  }
  const nonceBytes = encoder.encode(nonce);
  const parts: Uint8Array[] = [];
  pieces.forEach((piece, index) => {
    if (index > 0) parts.push(nonceBytes);
    parts.push(piece);
  });
  return {
    status: page.status,
    body: Buffer.concat(parts),
    ...(page.headers ? { headers: page.headers } : {}),
  };
}

/**
 * What a guest's page depends on: its language and address, nothing else. Pages rendered for
 * guests must therefore not depend on cookies other than the language choice (already in the
 * locale): per-browser details, like a guest's own FAQ vote, are loaded by the page once in the
 * browser. Keying on cookies would give every guest carrying one their own, never-shared entry.
 */
function guestPageKey(c: Context<HostEnv>): string {
  const url = new URL(c.req.url);
  return `${c.get('locale')}|${url.pathname}${url.search}`;
}

/**
 * What a shared API answer depends on, or null when it is the viewer's own. A guest's: the
 * language, the address and any cookie they carry (an answer may depend on one, e.g. a guest's
 * own FAQ vote); most guests carry none. A member's, only for reads that depend on nothing but
 * their role: search hits are the posts of the categories that role may read.
 */
function sharedApiKey(c: Context<HostEnv>): string | null {
  const url = new URL(c.req.url);
  const user = c.get('user');
  if (user === null) return `${c.get('locale')}|${c.req.header('cookie') ?? ''}|${url.pathname}${url.search}`;
  if (roleSharedReads.has(url.pathname))
    return `${c.get('locale')}|role:${user.role}|${url.pathname}${url.search}`;
  return null;
}

/** API reads whose answer is the same for every member of a role (see `sharedApiKey`). */
const roleSharedReads = new Set(['/api/v1/search']);

/** Shared reads of the JSON API, served from memory while nothing has changed. */
function sharedApiReads(cache: ResponseCache<ApiSnapshot>): MiddlewareHandler<HostEnv> {
  return async (c, next) => {
    const key = c.req.method === 'GET' ? sharedApiKey(c) : null;
    if (key === null) return next();
    let produced = false;
    const snapshot = await cache.serve(
      key,
      async () => {
        produced = true;
        await next();
        const type = c.res.headers.get('content-type') ?? '';
        // Only whole JSON answers: never a stream (live updates), one setting a cookie, nor one
        // whose request must reach its handler every time (`Cache-Control: no-store`).
        if (
          c.res.status !== 200 ||
          !type.startsWith('application/json') ||
          c.res.headers.has('set-cookie') ||
          /\bno-store\b/.test(c.res.headers.get('cache-control') ?? '')
        ) {
          return { status: c.res.status, body: null };
        }
        return { status: 200, body: await c.res.clone().text() };
      },
      (value) => value.body !== null,
    );
    if (produced) return;
    // Another request produced it; if it could not be shared, this one runs on its own.
    if (snapshot.body === null) return next();
    return c.body(snapshot.body, 200, { 'Content-Type': 'application/json' });
  };
}
