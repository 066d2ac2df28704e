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

export const webDist = path.join(repoRoot, 'apps/web/dist');
export const webClientDir = path.join(webDist, 'client');

/** Loads the web app's server bundle, or null when the web app has not been built. */
export async function loadRenderer(): Promise<RenderPage | null> {
  const entry = path.join(webDist, 'server/entry-server.js');
  if (!existsSync(entry)) return null;
  const module = (await import(pathToFileURL(entry).href)) as { renderPage: RenderPage };
  return module.renderPage;
}
