/**
 * The one Markdown renderer, shared by the server (stored posts) and the composer's live preview.
 *
 * Dialect: CommonMark + GFM tables, ~~strikethrough~~, task lists and autolinks (scheme links,
 * `www.` links and e-mail addresses; bare `name.tld` is not linked, so `main.rs` or `setup.sh`
 * stay text). Single newlines stay soft breaks, as in CommonMark.
 *
 * Safety comes from markdown-it itself rather than from an HTML sanitizer run afterwards: raw HTML
 * parsing is off (`<script>` is plain text, escaped on output), every URL goes through an allow-list
 * (`validateLink`), and the renderer only ever emits tags it builds. A DOM sanitizer such as DOMPurify
 * would add weight to the browser bundle and needs a DOM on the server; with no HTML passing through,
 * there is nothing for it to clean. The corpus tests in this folder check the output with a real
 * HTML parser.
 *
 * Task lists come from a small core rule rather than markdown-it-task-lists, which emits raw
 * `html_inline` tokens and keeps its options in module globals.
 *
 * Headings are shifted one level down (`#` → `<h2>`, `######` stays `<h6>`) so the page's own `<h1>`
 * (the topic title) stays the only one.
 */

import type { StateCore, Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import { imageSchemes, isAllowedUrl, linkSchemes } from './url';

export { imageSchemes, isAllowedUrl, linkSchemes } from './url';

/**
 * Longest source rendered, in UTF-16 code units. Longer input is cut there (never inside a surrogate
 * pair) and the HTML ends with `<p>…</p>`; the API refuses such bodies anyway, this only bounds work.
 */
export const MAX_MARKDOWN_LENGTH = 100_000;

export const linkRel = 'nofollow ugc noopener';

// The pattern of `extractMentions` (../mentions.ts), so rendered and notified mentions agree; one
// difference: right after markup (`_@ann_`) this links the name while extractMentions skips it.
const mentionPattern = /(^|[^\w@.])@([a-zA-Z0-9_][a-zA-Z0-9_.-]{1,28}[a-zA-Z0-9_])/g;
const taskMarker = /^\[([ xX])\](?=[ \t]|$)[ \t]*/;

function cap(source: unknown): { text: string; truncated: boolean } {
  const text = typeof source === 'string' ? source : '';
  if (text.length <= MAX_MARKDOWN_LENGTH) return { text, truncated: false };
  const code = text.charCodeAt(MAX_MARKDOWN_LENGTH - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? MAX_MARKDOWN_LENGTH - 1 : MAX_MARKDOWN_LENGTH;
  return { text: text.slice(0, end), truncated: true };
}

function shiftHeading(token: Token): void {
  const level = Number(token.tag.slice(1));
  if (token.tag.startsWith('h') && level >= 1 && level <= 6) token.tag = `h${Math.min(level + 1, 6)}`;
}

// markdown-it writes `style="text-align:…"`; a strict CSP blocks inline styles, so use a class.
function alignToClass(token: Token): void {
  const style = token.attrGet('style');
  if (style === null) return;
  token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
  const align = /text-align:\s*(left|center|right)/.exec(style)?.[1];
  if (align) token.attrSet('class', `align-${align}`);
}

function addTaskCheckbox(state: StateCore, tokens: Token[], index: number): void {
  const inline = tokens[index];
  const first = inline?.children?.[0];
  if (!inline?.children || first?.type !== 'text') return;
  if (tokens[index - 1]?.type !== 'paragraph_open' || tokens[index - 2]?.type !== 'list_item_open') return;
  const marker = taskMarker.exec(first.content);
  if (!marker) return;
  first.content = first.content.slice(marker[0].length);

  const checkbox = new state.Token('task_checkbox', 'input', 0);
  checkbox.attrs = [
    ['type', 'checkbox'],
    ['class', 'task-list-item-checkbox'],
    ['disabled', ''],
  ];
  if (marker[1] !== ' ') checkbox.attrPush(['checked', '']);
  // The label gives the checkbox its accessible name.
  const labelOpen = new state.Token('task_label_open', 'label', 1);
  const labelClose = new state.Token('task_label_close', 'label', -1);
  const space = new state.Token('text', '', 0);
  space.content = ' ';
  inline.children = [labelOpen, checkbox, space, ...inline.children, labelClose];

  const item = tokens[index - 2];
  if (item) item.attrSet('class', 'task-list-item');
  for (let i = index - 3; i >= 0; i--) {
    const list = tokens[i];
    if (list && list.level === (item?.level ?? 0) - 1 && list.nesting === 1) {
      list.attrSet('class', 'contains-task-list');
      break;
    }
  }
}

function linkMentions(state: StateCore, children: Token[]): Token[] {
  const out: Token[] = [];
  let linkDepth = 0;
  for (const token of children) {
    if (token.type === 'link_open') linkDepth++;
    if (token.type === 'link_close') linkDepth--;
    if (token.type !== 'text' || linkDepth > 0 || !token.content.includes('@')) {
      out.push(token);
      continue;
    }
    let last = 0;
    const text = token.content;
    for (const match of text.matchAll(mentionPattern)) {
      const name = match[2]!;
      const at = match.index + match[1]!.length;
      if (at > last) out.push(textToken(state, text.slice(last, at), token.level));
      const open = new state.Token('link_open', 'a', 1);
      open.attrs = [
        ['class', 'mention'],
        ['href', `/u/${name.toLowerCase()}`],
      ];
      open.markup = 'mention';
      open.level = token.level;
      out.push(open, textToken(state, `@${name}`, token.level + 1));
      const close = new state.Token('link_close', 'a', -1);
      close.markup = 'mention';
      close.level = token.level;
      out.push(close);
      last = at + 1 + name.length;
    }
    if (last === 0) out.push(token);
    else if (last < text.length) out.push(textToken(state, text.slice(last), token.level));
  }
  return out;
}

function textToken(state: StateCore, content: string, level: number): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  token.level = level;
  return token;
}

// Built on first use: this module has no top-level side effects, so a bundler told so (`sideEffects`)
// can drop markdown-it from pages that import `@parvis/domain` only for policies or i18n.
let instance: MarkdownIt | undefined;

function renderer(): MarkdownIt {
  if (instance) return instance;
  const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false });
  md.validateLink = (url) => isAllowedUrl(url, linkSchemes);

  // Bare host names (`config.py`, `main.rs`) are file names more often than links in a support forum.
  const linkifyMatch = md.linkify.match.bind(md.linkify);
  md.linkify.match = (text) =>
    (linkifyMatch(text) ?? []).filter((m) => m.schema !== '' || /^www\./i.test(m.raw));

  md.core.ruler.push('parvis', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === 'heading_open' || token.type === 'heading_close') shiftHeading(token);
      else if (token.type === 'th_open' || token.type === 'td_open') alignToClass(token);
      else if (token.type === 'inline' && token.children) {
        addTaskCheckbox(state, tokens, i);
        for (const child of token.children) {
          if (child.type === 's_open' || child.type === 's_close') child.tag = 'del';
        }
        token.children = linkMentions(state, token.children ?? []);
      }
    }
  });

  const rules = md.renderer.rules;
  // Never produced with `html: false`; escaped anyway so no future option can pass raw HTML through.
  rules.html_block = (tokens, idx) => escapeHtml(tokens[idx]?.content ?? '');
  rules.html_inline = (tokens, idx) => escapeHtml(tokens[idx]?.content ?? '');

  rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx]!;
    const href = token.attrGet('href');
    if (href !== null && !isAllowedUrl(href, linkSchemes)) token.attrs = [];
    if (token.markup !== 'mention') token.attrSet('rel', linkRel);
    return self.renderToken(tokens, idx, options);
  };

  rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const src = token.attrGet('src') ?? '';
    // An image that may not load is shown as its description, not as a broken image.
    if (src === '' || !isAllowedUrl(src, imageSchemes)) return escapeHtml(alt);
    token.attrSet('alt', alt);
    token.attrSet('loading', 'lazy');
    return self.renderToken(tokens, idx, options);
  };

  instance = md;
  return md;
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => htmlEscapes[c] ?? c);
}

function fallbackHtml(text: string): string {
  return `<p>${escapeHtml(text)}</p>\n`;
}

/** Markdown → safe HTML. Deterministic, never throws; see the module comment for the dialect. */
export function renderMarkdown(source: string): string {
  const { text, truncated } = cap(source);
  let html: string;
  try {
    html = renderer().render(text, {});
  } catch {
    html = fallbackHtml(text);
  }
  return truncated ? `${html}<p>…</p>\n` : html;
}

function inlineText(children: Token[], out: string[]): void {
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline') out.push(child.content);
    else if (child.type === 'softbreak' || child.type === 'hardbreak') out.push(' ');
    else if (child.type === 'image') inlineText(child.children ?? [], out);
  }
}

/** Plain text for search indexing: no markup, code kept as text, whitespace collapsed. */
export function markdownToText(source: string): string {
  const { text } = cap(source);
  const out: string[] = [];
  try {
    for (const token of renderer().parse(text, {})) {
      if (token.type === 'inline') inlineText(token.children ?? [], out);
      else if (token.type === 'fence' || token.type === 'code_block') out.push(token.content);
      if (token.block) out.push(' ');
    }
  } catch {
    return text.replace(/\s+/g, ' ').trim();
  }
  return out.join('').replace(/\s+/g, ' ').trim();
}

/**
 * Plain-text excerpt of at most `maxLength` characters, ellipsis included: cut at the last word
 * boundary (or mid-word when one word alone is too long) and ended with `…`.
 */
export function excerpt(source: string, maxLength = 200): string {
  const text = markdownToText(source);
  if (!(maxLength >= 1)) return '';
  if (text.length <= maxLength) return text;
  let end = Math.floor(maxLength) - 1;
  const space = text.lastIndexOf(' ', end);
  if (space > end / 2) end = space;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end).replace(/[\s,;:.!?—–-]+$/, '')}…`;
}
