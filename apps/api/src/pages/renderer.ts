import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../env';

export interface PageRequest {
  url: string;
  fetchApi: (path: string, init?: RequestInit) => Promise<Response>;
  nonce: string;
}
export interface PageResult {
  status: number;
  html: string;
  headers?: Record<string, string>;
}
export type RenderPage = (request: PageRequest) => Promise<PageResult>;
export interface EncodedPage {
  status: number;
  body: Uint8Array;
  headers?: Record<string, string>;
}

/**
 * A page rendered once for the members of a role, to be completed per viewer with their header
 * (see the web app's entry-server). The host reads which page it is and its data, to tell
 * whether anything on it is the viewer's own; the rest is the renderer's business.
 */
export interface SharedPage {
  status: number;
  page: { routeId: string; data: unknown };
}
export interface SharedPageRenderer {
  render: (request: PageRequest) => Promise<SharedPage | PageResult>;
  /** Where the page with the viewer's own `data` differs from the shared one (opaque to the host). */
  overlay: (shared: SharedPage, data: unknown) => unknown[];
  /** `session` is what `/api/v1/session` answers the viewer; the page comes as UTF-8 bytes. */
  personalize: (
    shared: SharedPage,
    viewer: { session: unknown; nonce: string; overlay?: unknown[] },
  ) => EncodedPage;
}

export const webDist = path.join(repoRoot, 'apps/web/dist');
export const webClientDir = path.join(webDist, 'client');

/** Loads the web app's server bundle, or null when the web app has not been built. */
export async function loadRenderer(): Promise<{
  renderPage: RenderPage;
  sharedPages: SharedPageRenderer;
} | null> {
  const entry = path.join(webDist, 'server/entry-server.js');
  if (!existsSync(entry)) return null;
  const module = (await import(pathToFileURL(entry).href)) as {
    renderPage: RenderPage;
    renderSharedPage: SharedPageRenderer['render'];
    overlayFor: SharedPageRenderer['overlay'];
    personalizePage: SharedPageRenderer['personalize'];
  };
  return {
    renderPage: module.renderPage,
    sharedPages: {
      render: module.renderSharedPage,
      overlay: module.overlayFor,
      personalize: module.personalizePage,
    },
  };
}
