/**
 * The web side of the plugin contract: what a plugin's `web/` part gets from the web app
 * (types only, so plugins never import the app). The web app's own objects satisfy these.
 */
import type { Locale, Role } from '@parvis/domain';
import type { Accessor, Component } from 'solid-js';
import type { SlotName } from './slots';

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiErrorBody };

/** Calls to `/api/v1` paths (e.g. `/plugins/faq/articles`); every call resolves, never throws. */
export interface PluginApi {
  getJson<T>(path: string): Promise<ApiResult<T>>;
  sendJson<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<ApiResult<T>>;
}

export interface WebSessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
}

export interface WebSession {
  user: WebSessionUser | null;
  locale: Locale;
  enabledPlugins: string[];
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The running web app, as slot components and plugin pages see it. */
export interface WebHost {
  /** Reactive. */
  session: WebSession;
  locale: Locale;
  t: Translate;
  api: PluginApi;
  navigate: (to: string, options?: { replace?: boolean; keepScroll?: boolean }) => Promise<void>;
  /** Loads the current page's data again, in place (after a change). */
  reload: () => Promise<void>;
  /** Polite screen-reader announcement. */
  announce: (message: string) => void;
  /** False while rendering on the server, true once interactive. */
  hydrated: Accessor<boolean>;
  /** Makes the next navigation wait for this write before it reads the session again. */
  trackWrite: (write: Promise<unknown>) => void;
}

/** Props of a component placed in a slot. `context` is what the page gives that slot (see slots.ts). */
export interface SlotProps<C = unknown> {
  host: WebHost;
  locale: Locale;
  t: Translate;
  /** What this plugin's loader for the slot returned, or null (no loader, or it failed). */
  data: unknown;
  context: C;
}

export interface PageLoadArgs {
  api: PluginApi;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Path and query of the requested page. */
  url: string;
  session: Promise<WebSession>;
}

export type PageLoadOutcome<D> =
  | { kind: 'page'; data: D; status?: number }
  | { kind: 'redirect'; to: string; status?: 301 | 302 | 303 }
  | { kind: 'error'; status: number; message?: string };

export interface PageHead {
  title: string;
  description?: string;
  /** Path (and query) of the page's canonical address. */
  canonical: string;
  noindex?: boolean;
  /** JSON-LD structured data placed in the page head (e.g. FAQPage). */
  jsonLd?: Record<string, unknown>;
}

export interface PluginPageProps<D> {
  data: D;
  params: Record<string, string>;
  query: URLSearchParams;
  host: WebHost;
}

export interface PluginPageDef<D> {
  load: (args: PageLoadArgs) => Promise<PageLoadOutcome<D>>;
  head: (data: D, context: { t: Translate; locale: Locale; url: string }) => PageHead;
  component: Component<PluginPageProps<D>>;
}

/** A page a plugin adds to the site (e.g. `/faq/:slug`), shown only while the plugin is enabled. */
export interface PluginPage {
  id: string;
  /** `/faq/:slug` style; `:name` matches one path segment. */
  path: string;
  /** The page module's path from the repository root, to find its chunk in the build manifest. */
  source: string;
  page: () => Promise<PluginPageDef<never>>;
  slots?: SlotName[];
}

/** Arguments of a slot loader: the page's address, so the loader can fetch what the slot shows. */
export interface SlotLoadArgs {
  get: (path: string) => Promise<unknown>;
  params: Record<string, string>;
  query: URLSearchParams;
}

/** A plugin's web part: slot components, their loaders, its pages and its strings. */
export interface WebPlugin {
  id: string;
  slots?: Partial<Record<SlotName, Component<SlotProps<never>>>>;
  load?: Partial<Record<SlotName, (args: SlotLoadArgs) => Promise<unknown>>>;
  pages?: PluginPage[];
  /** Each language's strings, loaded only for a page in that language. */
  messages: Record<Locale, () => Promise<Record<string, string>>>;
}

/** Declares a plugin page with its data type checked. */
export function definePluginPage<D>(page: PluginPageDef<D>): PluginPageDef<never> {
  return page as unknown as PluginPageDef<never>;
}

/** Declares a plugin's web part. */
export function defineWebPlugin(plugin: WebPlugin): WebPlugin {
  return plugin;
}
