import { readFileSync } from 'node:fs';
import { defaultLocale, locales } from '@parvis/domain';
import { generateHydrationScript, renderToString } from 'solid-js/web';
import { createApi, type Session } from './api';
import { App } from './app';
import { loadMessages, translator } from './i18n';
import type { Head, Payload } from './router';
import { ensurePage, errorRoute, headFor, loadPage, routeById } from './routes';

// The server answers in either language, so it holds both.
await Promise.all(locales.map((locale) => loadMessages(locale)));

export interface PageRequest {
  /** Path and query, e.g. `/t/hello-world/12?page=2`. */
  url: string;
  /** In-process call to `/api/v1/...` carrying the visitor's cookies and Accept-Language. */
  fetchApi: (path: string, init?: RequestInit) => Promise<Response>;
  /** CSP nonce for the page's inline scripts. */
  nonce: string;
}

export interface PageResponse {
  status: number;
  html: string;
  headers?: Record<string, string>;
}

interface Chunk {
  file: string;
  name?: string;
  css?: string[];
  imports?: string[];
}

interface PageAssets {
  script: string | null;
  styles: string[];
  preloads: string[];
}

let manifest: Record<string, Chunk> | null | undefined;

/** Build manifest keys are paths relative to the web app (`src/...`, `../../packages/...`). */
const manifestKey = (fromRoot: string) =>
  fromRoot.startsWith('apps/web/') ? fromRoot.slice('apps/web/'.length) : `../../${fromRoot}`;

/** The client build's manifest, written beside this bundle; null when there is no client build (unit tests). */
function clientManifest(): Record<string, Chunk> | null {
  if (manifest !== undefined) return manifest;
  try {
    manifest = JSON.parse(
      readFileSync(new URL('../client/.vite/manifest.json', import.meta.url), 'utf8'),
    ) as Record<string, Chunk>;
  } catch {
    manifest = null;
  }
  return manifest;
}

const languageChunkKeys = new Map<string, string>();

/** The build gathers each language's strings in a chunk named `messages-<locale>` (vite.config.ts). */
function languageChunkKey(locale: string): string {
  let key = languageChunkKeys.get(locale);
  if (key === undefined) {
    const chunks = clientManifest() ?? {};
    key = Object.keys(chunks).find((name) => chunks[name]?.name === `messages-${locale}`) ?? '';
    languageChunkKeys.set(locale, key);
  }
  return key;
}

/**
 * The entry script and stylesheets, plus modulepreload hints for the chunks this page needs
 * at once (its page module and its language), so they download in parallel with the entry.
 */
function assetsFor(sources: string[]): PageAssets {
  const chunks = clientManifest();
  const entry = chunks?.['src/entry-client.tsx'];
  if (!chunks || !entry) return { script: null, styles: [], preloads: [] };
  const styles = new Set(entry.css ?? []);
  const preloads = new Set<string>();
  const visit = (key: string) => {
    const chunk = chunks[key];
    if (!chunk || chunk === entry || preloads.has(chunk.file)) return;
    preloads.add(chunk.file);
    for (const file of chunk.css ?? []) styles.add(file);
    for (const child of chunk.imports ?? []) visit(child);
  };
  for (const key of entry.imports ?? []) visit(key);
  for (const key of sources) visit(key);
  return {
    script: `/${entry.file}`,
    styles: [...styles].map((file) => `/${file}`),
    preloads: [...preloads].map((file) => `/${file}`),
  };
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** JSON that can sit inside a `<script>` element: no `<` can close it early. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

// The package's type entry describes the browser build, whose version takes no options.
const hydrationScript = generateHydrationScript as unknown as (options: { nonce?: string }) => string;

const guest: Session = {
  user: null,
  account: null,
  locale: defaultLocale,
  unreadNotifications: 0,
  enabledPlugins: [],
};

export async function renderPage(request: PageRequest): Promise<PageResponse> {
  let locale = defaultLocale;
  const api = createApi(request.fetchApi, () => locale);
  const session = api.session().then((result) => (result.ok ? result.data : guest));
  const result = await loadPage(request.url, api, session);
  if (result.kind === 'redirect') {
    const to = escapeHtml(result.to);
    return {
      status: result.status,
      headers: { Location: result.to },
      html: `<!doctype html><meta charset="utf-8"><title>Redirect</title><a href="${to}">${to}</a>`,
    };
  }
  const current = await session;
  locale = current.locale;
  let payload: Payload = { session: current, page: result.page };
  const t = translator(locale);
  let head: Head;
  let body: string;
  try {
    head = headFor(payload.page, t, locale);
    body = renderToString(() => <App payload={payload} api={api} />, { nonce: request.nonce });
  } catch (error) {
    // A page that fails to render still answers with a proper page, not a bare 500.
    console.error(error);
    await ensurePage(errorRoute.id);
    payload = {
      session: current,
      page: {
        routeId: errorRoute.id,
        params: {},
        url: result.page.url,
        status: 500,
        data: { status: 500 },
        slots: {},
      },
    };
    head = headFor(payload.page, t, locale);
    body = renderToString(() => <App payload={payload} api={api} />, { nonce: request.nonce });
  }
  const { script, styles, preloads } = assetsFor([
    manifestKey(routeById(payload.page.routeId).source),
    languageChunkKey(locale),
  ]);
  const nonce = escapeHtml(request.nonce);

  const html = [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(head.title)}</title>`,
    `<meta name="description" content="${escapeHtml(head.description ?? t('web.home.description'))}">`,
    `<link rel="canonical" href="${escapeHtml(head.canonical)}">`,
    head.noindex ? '<meta name="robots" content="noindex">' : '',
    head.jsonLd
      ? `<script type="application/ld+json" nonce="${nonce}">${scriptJson(head.jsonLd)}</script>`
      : '',
    '<meta name="color-scheme" content="light dark">',
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
    ...styles.map((href) => `<link rel="stylesheet" href="${href}">`),
    ...preloads.map((href) => `<link rel="modulepreload" href="${href}">`),
    script ? `<script type="module" src="${script}"></script>` : '',
    hydrationScript({ nonce: request.nonce }),
    '</head>',
    '<body>',
    `<div id="app">${body}</div>`,
    `<script type="application/json" id="parvis-data" nonce="${nonce}">${scriptJson(payload)}</script>`,
    '</body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n');

  return {
    status: payload.page.status,
    html,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  };
}
