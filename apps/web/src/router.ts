import type { Locale } from '@parvis/domain';
import type { SlotName } from '@parvis/plugin-sdk/slots';
import type { WebHost } from '@parvis/plugin-sdk/web';
import type { Component } from 'solid-js';
import type { Api, Session } from './api';
import type { Translate } from './i18n';
import type { Change } from './overlay';

export interface LoadArgs {
  api: Api;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Path and query of the requested page, e.g. `/c/help?order=top`. */
  url: string;
  session: Promise<Session>;
}

export type LoadOutcome<D> =
  | { kind: 'page'; data: D; status?: number }
  | { kind: 'redirect'; to: string; status?: 301 | 302 | 303 }
  | { kind: 'error'; status: number; message?: string };

export interface Head {
  title: string;
  description?: string;
  /** Path (and query) of the page's canonical address. */
  canonical: string;
  noindex?: boolean;
  /** JSON-LD structured data for the page's head. */
  jsonLd?: Record<string, unknown>;
}

export interface PageProps<D> {
  data: D;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The app as plugin pages see it (core pages use `useApp()`). */
  host: WebHost;
}

/** A page: how to load its data, what goes in `<head>`, and what it renders. */
export interface PageDef<D> {
  load: (args: LoadArgs) => Promise<LoadOutcome<D>>;
  head: (data: D, context: { t: Translate; locale: Locale; url: string }) => Head;
  component: Component<PageProps<D>>;
}

/** A page with its data type erased, for the route table. */
export interface AnyPage {
  load: (args: LoadArgs) => Promise<LoadOutcome<unknown>>;
  head: (data: unknown, context: { t: Translate; locale: Locale; url: string }) => Head;
  component: Component<PageProps<unknown>>;
}

export function definePage<D>(page: PageDef<D>): AnyPage {
  return page as unknown as AnyPage;
}

export interface RouteEntry {
  id: string;
  /** `/t/:slug/:id` style; `:name` matches one path segment. */
  path: string;
  /** The page module's path from the repository root, to find its chunk in the build manifest. */
  source: string;
  /** Set for pages a plugin adds: they exist only while that plugin is enabled. */
  pluginId?: string;
  /** Loaded on demand, so each page's code is only fetched where it is used. */
  page: () => Promise<AnyPage>;
  /** Plugin slots the page renders, so their data is loaded with the page. */
  slots?: SlotName[];
}

/** What the server rendered and the client hydrates with: everything a page needs. */
export interface PageState {
  routeId: string;
  params: Record<string, string>;
  url: string;
  status: number;
  data: unknown;
  /** Plugin slot data, keyed `<pluginId>:<slot>`. */
  slots: Record<string, unknown>;
}

export interface Payload {
  session: Session;
  /** On a page shared by the viewer's kind of member: where their own differs (see overlay.ts). */
  overlay?: Change[];
  page: PageState;
}

export function compilePath(pattern: string): (path: string) => Record<string, string> | null {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        names.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const regex = new RegExp(`^${source}/?$`);
  return (path) => {
    const found = regex.exec(path);
    if (!found) return null;
    const params: Record<string, string> = {};
    for (const [index, name] of names.entries()) {
      params[name] = decodeURIComponent(found[index + 1] ?? '');
    }
    return params;
  };
}

/** Only same-site paths are followed after sign-in, so `?next=` cannot send people elsewhere. */
export function safeNext(value: string | null | undefined, fallback = '/'): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

export function signInUrl(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}
