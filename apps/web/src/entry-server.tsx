import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defaultLocale, type Locale, locales } from '@parvis/domain';
import { generateHydrationScript, renderToString } from 'solid-js/web';
import { createApi, type Session } from './api';
import { App } from './app';
import { loadMessages, translator } from './i18n';
import { type Change, changesBetween } from './overlay';
import type { Head, PageState, Payload } from './router';
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

interface RenderedPage {
  status: number;
  locale: Locale;
  session: Session;
  page: PageState;
  /** The document up to and including `<div id="app">`. */
  start: string;
  /** The app's HTML. */
  body: string;
}

const redirect = (to: string, status: number): PageResponse => {
  const href = escapeHtml(to);
  return {
    status,
    headers: { Location: to },
    html: `<!doctype html><meta charset="utf-8"><title>Redirect</title><a href="${href}">${href}</a>`,
  };
};

const htmlHeaders = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };

/** Loads the page's data as the visitor `request.fetchApi` speaks for, and renders it. */
async function render(request: PageRequest): Promise<RenderedPage | PageResponse> {
  let locale = defaultLocale;
  const api = createApi(request.fetchApi, () => locale);
  const session = api.session().then((result) => (result.ok ? result.data : guest));
  const result = await loadPage(request.url, api, session);
  if (result.kind === 'redirect') return redirect(result.to, result.status);
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

  const start = [
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
    '<div id="app">',
  ]
    .filter(Boolean)
    .join('\n');
  return { status: payload.page.status, locale, session: current, page: payload.page, start, body };
}

/** The document's end up to the payload's session, then from after it: the payload's page part may be shared between viewers. */
const endBeforeSession = (nonce: string) =>
  `</div>\n<script type="application/json" id="parvis-data" nonce="${escapeHtml(nonce)}">{"session":`;
const endAfterSession = (pageJson: string) => `,"page":${pageJson}}</script>\n</body>\n</html>`;

/** The document's end: the hydration payload. Equal to scriptJson({ session, page }) inside. */
function documentEnd(nonce: string, session: Session, pageJson: string): string {
  return endBeforeSession(nonce) + scriptJson(session) + endAfterSession(pageJson);
}

export async function renderPage(request: PageRequest): Promise<PageResponse> {
  const rendered = await render(request);
  if (!('body' in rendered)) return rendered;
  return {
    status: rendered.status,
    html:
      rendered.start +
      rendered.body +
      documentEnd(request.nonce, rendered.session, scriptJson(rendered.page)),
    headers: htmlHeaders,
  };
}

/**
 * Where the per-viewer part of a page starts and ends in the app's HTML: the site header (name,
 * unread count) and the address notice under it, up to the main element.
 */
function viewerRegion(body: string): { from: number; to: number } | null {
  const from = body.search(/<header[^>]*class="site-header"/);
  const to = body.search(/<main[^>]*id="main"/);
  return from === -1 || to < from ? null : { from, to };
}

const encoder = new TextEncoder();

/** Text cut where `nonce` stands, each piece as UTF-8, so a response only inserts its own nonce. */
function cutAtNonce(text: string, nonce: string): Uint8Array[] {
  return text.split(nonce).map((piece) => encoder.encode(piece));
}

/**
 * A page rendered once for every member of a role, to be completed per viewer by
 * `personalizePage`: all of it but the site header and the payload's session. Hydration keys
 * follow the order components render in, and the header comes first, so a header rendered
 * later for the actual viewer slots in with the same keys, as long as it takes the same
 * branches (the host keys shared pages on what they depend on: language, role, whether there
 * are unread notifications, whether the address is confirmed).
 *
 * The shared parts are kept as UTF-8 bytes, cut at the nonce they were rendered with: a view
 * then only encodes its header and session, instead of building and encoding the whole page
 * again (that garbage was a fifth of the server's time).
 */
export interface SharedPage {
  status: number;
  locale: Locale;
  page: PageState;
  /** The document up to the site header. */
  beforeHeader: Uint8Array[];
  /** From the main element to the payload's session. */
  afterHeader: Uint8Array[];
  /** The rest of the payload (its page part) and the document's end. */
  afterSession: Uint8Array[];
}

export async function renderSharedPage(request: PageRequest): Promise<SharedPage | PageResponse> {
  const rendered = await render(request);
  if (!('body' in rendered)) return rendered;
  const region = viewerRegion(rendered.body);
  if (!region) throw new Error('the layout has no site header to personalize');
  const { nonce } = request;
  return {
    status: rendered.status,
    locale: rendered.locale,
    page: rendered.page,
    beforeHeader: cutAtNonce(rendered.start + rendered.body.slice(0, region.from), nonce),
    afterHeader: cutAtNonce(rendered.body.slice(region.to) + endBeforeSession(nonce), nonce),
    afterSession: cutAtNonce(endAfterSession(scriptJson(rendered.page)), nonce),
  };
}

/** What completes a shared page for one viewer: their session, as `/api/v1/session` tells it. */
export interface Viewer {
  session: Session;
  nonce: string;
  /** Where the viewer's own page differs from the shared one (see `overlayFor`). */
  overlay?: Change[];
}

/**
 * The changes that turn a shared page into the viewer's own, given its data as they get it (the
 * host derives it from the shared data). Rendering their page again is what made such pages ten
 * times dearer than shared ones. The browser applies the changes once the shared page has
 * hydrated; what they change (like, edit, accept buttons) only works with JavaScript anyway.
 */
export function overlayFor(shared: SharedPage, data: unknown): Change[] {
  return changesBetween(shared.page, { ...shared.page, data });
}

/** What of a viewer goes into their site header, in place of markers (see `headerTemplate`). */
type PersonField = 'displayName' | 'username' | 'email' | 'nonce';
interface HeaderTemplate {
  /** UTF-8 pieces; between two consecutive ones goes the field of the same index in `fields`. */
  pieces: Uint8Array[];
  fields: PersonField[];
}

/**
 * Marker values made of letters and digits, which no escaping or URL encoding changes. The two
 * sets differ from their first letter on and in length, so a header showing part of a value (an
 * initial, a shortened name) comes out different for each and is not shared.
 */
function markers(lead: string, tag: string): Record<PersonField, string> {
  return {
    displayName: `${lead}n${tag}`,
    username: `${lead}u${tag}`,
    email: `${lead}e${tag}`,
    nonce: `${lead}c${tag}`,
  };
}
const markerTag = (length: number) => randomBytes(length).toString('hex');
const markerSets = [markers('a', markerTag(6)), markers('b', markerTag(8))] as const;

function renderChrome(shared: SharedPage, session: Session, nonce: string): string {
  const payload: Payload = { session, page: shared.page };
  const api = createApi(
    () => Promise.reject(new Error('a page header loads nothing')),
    () => shared.locale,
  );
  const chrome = renderToString(() => <App payload={payload} api={api} chromeOnly />, { nonce });
  const region = viewerRegion(chrome);
  if (!region) throw new Error('the layout has no site header to personalize');
  return chrome.slice(region.from, region.to);
}

/** `session` with who they are (but not what kind of member they are) replaced by `values`. */
function asMarked(session: Session, values: Record<PersonField, string>, id: number): Session {
  if (!session.user || !session.account) return session;
  return {
    ...session,
    user: { ...session.user, id, username: values.username, displayName: values.displayName },
    account: { ...session.account, email: values.email },
  };
}

/** `chrome` cut at the markers of `values`, or null when one of them did not come through whole. */
function cutAtMarkers(chrome: string, values: Record<PersonField, string>): HeaderTemplate | null {
  const fields = Object.keys(values) as PersonField[];
  const pattern = new RegExp(fields.map((field) => values[field]).join('|'), 'g');
  const template: HeaderTemplate = { pieces: [], fields: [] };
  let last = 0;
  for (const match of chrome.matchAll(pattern)) {
    template.pieces.push(encoder.encode(chrome.slice(last, match.index)));
    template.fields.push(fields.find((field) => values[field] === match[0])!);
    last = match.index + match[0].length;
  }
  template.pieces.push(encoder.encode(chrome.slice(last)));
  // A marker cut short would leave the start of its tag behind.
  return chrome.replace(pattern, '').includes(values.nonce.slice(2, 10)) ? null : template;
}

const samePieces = (a: HeaderTemplate, b: HeaderTemplate) =>
  a.fields.join() === b.fields.join() &&
  a.pieces.every((piece, index) => Buffer.from(piece).equals(b.pieces[index]!));

/**
 * The site header of `shared` for every viewer whose session is `session` but for who they are:
 * rendered with markers where their name, username, address and nonce go, twice with different
 * markers and ids to be sure the rest depends on none of them; null when it does (then each
 * view renders its own). Rendering the header for each view was the largest part of a member's
 * page; readers of the same page with the same kind of session now share it.
 */
const headerTemplates = new WeakMap<SharedPage, Map<string, HeaderTemplate | null>>();
function headerTemplate(shared: SharedPage, session: Session): HeaderTemplate | null {
  let templates = headerTemplates.get(shared);
  if (!templates) {
    templates = new Map();
    headerTemplates.set(shared, templates);
  }
  const key = JSON.stringify(asMarked(session, { displayName: '', username: '', email: '', nonce: '' }, 0));
  let template = templates.get(key);
  if (template === undefined) {
    const [first, second] = markerSets.map((values, index) =>
      cutAtMarkers(renderChrome(shared, asMarked(session, values, -index), values.nonce), values),
    );
    template = first && second && samePieces(first, second) ? first : null;
    // Kinds of session per page are few (mostly the unread count); keep a handful per page.
    if (templates.size >= 8) templates.delete(templates.keys().next().value!);
    templates.set(key, template);
  }
  return template;
}

/** The viewer's site header, from the shared template when there is one, else rendered for them. */
function viewerHeader(shared: SharedPage, viewer: Viewer, nonce: Uint8Array): Uint8Array[] {
  const { session } = viewer;
  // Usernames are letters, digits and . _ - (see the domain's pattern): the same in a URL or text.
  const shareable = session.user && session.account && /^[\w.-]+$/.test(session.user.username);
  const template = shareable ? headerTemplate(shared, session) : null;
  if (!template) return [encoder.encode(renderChrome(shared, session, viewer.nonce))];
  const values: Record<PersonField, Uint8Array> = {
    displayName: encoder.encode(escapeHtml(session.user!.displayName)),
    username: encoder.encode(session.user!.username),
    email: encoder.encode(escapeHtml(session.account!.email)),
    nonce,
  };
  const pieces: Uint8Array[] = [template.pieces[0]!];
  template.fields.forEach((field, index) => {
    pieces.push(values[field], template.pieces[index + 1]!);
  });
  return pieces;
}

/** A shared page completed for one viewer: their header, their session (and overlay) in the payload. */
export function personalizePage(
  shared: SharedPage,
  viewer: Viewer,
): { status: number; body: Uint8Array; headers: Record<string, string> } {
  const nonce = encoder.encode(escapeHtml(viewer.nonce));
  const pieces: Uint8Array[] = [];
  const add = (cut: Uint8Array[]) =>
    cut.forEach((piece, index) => {
      if (index > 0) pieces.push(nonce);
      pieces.push(piece);
    });
  add(shared.beforeHeader);
  pieces.push(...viewerHeader(shared, viewer, nonce));
  add(shared.afterHeader);
  pieces.push(encoder.encode(scriptJson(viewer.session)));
  // The payload's keys, in order: session, overlay when there is one, page.
  if (viewer.overlay?.length) pieces.push(encoder.encode(`,"overlay":${scriptJson(viewer.overlay)}`));
  add(shared.afterSession);
  return { status: shared.status, body: Buffer.concat(pieces), headers: htmlHeaders };
}
