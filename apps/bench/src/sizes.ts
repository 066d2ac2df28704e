import { gzipSync } from 'node:zlib';

export interface AssetSize {
  url: string;
  kind: 'js' | 'css';
  bytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  page: string;
  htmlBytes: number;
  htmlGzipBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  assets: AssetSize[];
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : null;
}

/** Same-origin scripts, module preloads and stylesheets a page references in its HTML. */
export function referencedAssets(html: string, pageUrl: string): { url: string; kind: 'js' | 'css' }[] {
  const origin = new URL(pageUrl).origin;
  const found = new Map<string, 'js' | 'css'>();
  const add = (href: string | null, kind: 'js' | 'css') => {
    if (!href) return;
    const url = new URL(href.replace(/&amp;/g, '&'), pageUrl);
    if (url.origin === origin && !found.has(url.href)) found.set(url.href, kind);
  };
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) add(attribute(tag, 'src'), 'js');
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('stylesheet')) add(attribute(tag, 'href'), 'css');
    else if (rel.includes('modulepreload')) add(attribute(tag, 'href'), 'js');
  }
  return [...found].map(([url, kind]) => ({ url, kind }));
}

/** Static `import … from "./x.js"` / `import "./x.js"` in a module: loaded before it runs, so they count too. */
function staticImports(code: string, moduleUrl: string): string[] {
  const urls: string[] = [];
  for (const [, specifier] of code.matchAll(/(?:\bimport|\bfrom)\s*["']([^"']+)["']/g)) {
    if (specifier!.startsWith('.') || specifier!.startsWith('/'))
      urls.push(new URL(specifier!, moduleUrl).href);
  }
  return urls;
}

const gzip = (data: Buffer) => gzipSync(data, { level: 9 }).length;

/** Fetches a page and every JS/CSS file it loads up front, and gzips each (level 9). */
export async function measurePageWeight(pageUrl: string): Promise<PageWeight> {
  const response = await fetch(pageUrl);
  if (!response.ok) throw new Error(`GET ${pageUrl} → ${response.status}`);
  const html = Buffer.from(await response.arrayBuffer());
  const queue = referencedAssets(html.toString('utf8'), pageUrl);
  const seen = new Set(queue.map((a) => a.url));
  const assets: AssetSize[] = [];
  while (queue.length > 0) {
    const { url, kind } = queue.shift()!;
    const asset = await fetch(url);
    if (!asset.ok) throw new Error(`GET ${url} → ${asset.status}`);
    const data = Buffer.from(await asset.arrayBuffer());
    assets.push({ url: new URL(url).pathname, kind, bytes: data.length, gzipBytes: gzip(data) });
    if (kind === 'js') {
      for (const imported of staticImports(data.toString('utf8'), url)) {
        if (!seen.has(imported) && new URL(imported).origin === new URL(pageUrl).origin) {
          seen.add(imported);
          queue.push({ url: imported, kind: 'js' });
        }
      }
    }
  }
  const sum = (kind: 'js' | 'css') =>
    assets.filter((a) => a.kind === kind).reduce((n, a) => n + a.gzipBytes, 0);
  return {
    page: new URL(pageUrl).pathname,
    htmlBytes: html.length,
    htmlGzipBytes: gzip(html),
    jsGzipBytes: sum('js'),
    cssGzipBytes: sum('css'),
    assets,
  };
}
