/**
 * Test helper: parses rendered HTML the way a browser does (parse5 implements the WHATWG parsing
 * algorithm) and lists everything that is not on the renderer's allow-list. Test-only; parse5 is a
 * dev dependency and this file is never imported by the renderer.
 */
import { type DefaultTreeAdapterMap, parseFragment } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];

const any = /^/;
/** Tag → attribute → allowed value. */
const allowed: Record<string, Record<string, RegExp>> = {
  p: {},
  em: {},
  strong: {},
  del: {},
  pre: {},
  blockquote: {},
  h2: {},
  h3: {},
  h4: {},
  h5: {},
  h6: {},
  hr: {},
  br: {},
  table: {},
  thead: {},
  tbody: {},
  tr: {},
  th: { class: /^align-(left|center|right)$/ },
  td: { class: /^align-(left|center|right)$/ },
  ul: { class: /^contains-task-list$/ },
  ol: { start: /^\d+$/, class: /^contains-task-list$/ },
  li: { class: /^task-list-item$/ },
  code: { class: /^language-\S+$/ },
  a: { href: any, title: any, rel: /^nofollow ugc noopener$/, class: /^mention$/ },
  img: { src: any, alt: any, title: any, loading: /^lazy$/ },
  label: {},
  input: { type: /^checkbox$/, class: /^task-list-item-checkbox$/, disabled: /^$/, checked: /^$/ },
};

/** The scheme a browser would use for this URL on a page of the forum, or null if it cannot parse it. */
export function browserScheme(url: string): string | null {
  try {
    return new URL(url, 'https://forum.example/t/1/topic').protocol;
  } catch {
    return null;
  }
}

/** Every way `html` departs from the allow-list; empty when it is safe. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeName === '#comment') problems.push('comment node');
    if ('tagName' in node) {
      const rules = allowed[node.tagName];
      if (!rules || node.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
        problems.push(`tag <${node.tagName}>`);
      } else {
        for (const { name, value } of node.attrs) {
          const rule = rules[name];
          if (/^on/i.test(name) || name === 'style') problems.push(`<${node.tagName} ${name}>`);
          else if (!rule) problems.push(`attribute <${node.tagName} ${name}>`);
          else if (!rule.test(value)) problems.push(`<${node.tagName} ${name}="${value}">`);
        }
        const href = node.attrs.find((a) => a.name === 'href')?.value;
        const src = node.attrs.find((a) => a.name === 'src')?.value;
        if (href !== undefined && !['http:', 'https:', 'mailto:', null].includes(browserScheme(href))) {
          problems.push(`<a href="${href}">`);
        }
        if (src !== undefined && !['http:', 'https:', null].includes(browserScheme(src))) {
          problems.push(`<img src="${src}">`);
        }
        if (node.tagName === 'input' && !node.attrs.some((a) => a.name === 'disabled')) {
          problems.push('enabled <input>');
        }
      }
    }
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
    if ('content' in node) visit(node.content);
  };
  visit(parseFragment(html));
  return problems;
}
