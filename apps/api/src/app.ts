import { serveStatic } from '@hono/node-server/serve-static';
import type { HostEnv, HostServices } from '@parvis/plugin-sdk';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { handleError } from './http/error-handler';
import { AppError } from './http/errors';
import {
  originCheck,
  type ResolvedSession,
  requestContext,
  resolvedSessionKey,
  securityHeaders,
  sessionLoader,
} from './http/middleware';
import { apiReferencePage, openApiDocument } from './http/openapi';
import { type GuestPageCache, noncePlaceholder } from './pages/guest-cache';
import { type RenderPage, webClientDir } from './pages/renderer';
import type { PluginExtensions } from './plugins/extensions';
import { createApiRoutes } from './routes/index';

export interface AppOptions {
  services: HostServices;
  publicUrl?: string | undefined;
  trustProxy: boolean;
  plugins: { ids: string[]; routers: { id: string; router: Hono<HostEnv> }[]; extensions: PluginExtensions };
  renderPage: RenderPage | null;
  isReady: () => Promise<boolean>;
  guestCache: GuestPageCache;
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
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new AppError('payload_too_large');
      },
    }),
  );
  app.use(originCheck(options.publicUrl));
  app.use(sessionLoader(options.publicUrl));
  app.route(
    '/api/v1',
    createApiRoutes({
      publicUrl: options.publicUrl,
      trustProxy: options.trustProxy,
      enabledPlugins: () => plugins.ids,
      extensions: plugins.extensions,
    }),
  );
  for (const { id, router } of plugins.routers) app.route(`/api/v1/plugins/${id}`, router);
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api', (c) => c.html(apiReferencePage()));
  app.all('/api/*', () => {
    throw new AppError('not_found');
  });
  app.get('/favicon.svg', serveStatic({ root: webClientDir }));
  app.get('/robots.txt', serveStatic({ root: webClientDir }));

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
    const isGuest = c.get('user') === null;
    const cacheKey = `${c.get('locale')}|${url.pathname}${url.search}`;
    const cached = isGuest ? options.guestCache.get(cacheKey, c.get('nonce')) : null;
    const result =
      cached ??
      (await options.renderPage({
        url: url.pathname + url.search,
        // Guests' pages are cached, so they get a placeholder swapped for each response's nonce.
        nonce: isGuest ? noncePlaceholder : c.get('nonce'),
        fetchApi: (path, init) => {
          const headers = new Headers(forwarded);
          for (const [key, value] of new Headers(init?.headers)) headers.set(key, value);
          const resolved: ResolvedSession = { user: c.get('user'), sessionId: c.get('sessionId') };
          return Promise.resolve(
            app.request(
              `/api/v1${path}`,
              { ...init, headers },
              { ...(c.env as object), [resolvedSessionKey]: resolved },
            ),
          );
        },
      }));
    let html = result.html;
    if (isGuest && !cached) {
      options.guestCache.set(cacheKey, result);
      html = html.replaceAll(noncePlaceholder, c.get('nonce'));
    }
    for (const [name, value] of Object.entries(result.headers ?? {})) c.header(name, value);
    c.header('Cache-Control', 'no-cache');
    return c.html(html, result.status as 200);
  });
  return app;
}
