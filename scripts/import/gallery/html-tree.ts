import { decodeEntities } from './html-entities';

/** An element as the scanner sees it: lower-case name, decoded attributes, children in order. */
export interface HtmlElement {
  name: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}
export type HtmlNode = HtmlElement | string;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Elements whose content is not markup: skipped whole, so a `<a href=…>` inside a script is not a link.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'template']);
// An open one of these closes when another opens (`<li>` without `</li>`), as browsers do.
const SELF_CLOSING_SIBLINGS = new Set(['li', 'p', 'dt', 'dd', 'tr', 'td', 'th', 'option']);

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    // The first of two same-named attributes wins, as in browsers.
    if (name in attrs) continue;
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/**
 * A forgiving HTML reader for the pages of static galleries: comments, doctype and raw-text
 * elements are skipped, attributes may be quoted either way or not at all, unclosed elements
 * are closed by the end tag of an ancestor, a stray end tag is ignored. Not a full HTML5
 * parser: enough to find links, images, figures and their captions.
 */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { name: '#root', attrs: {}, children: [], parent: null };
  let current = root;
  let i = 0;
  const lower = html.toLowerCase();
  const text = (value: string) => {
    if (value) current.children.push(decodeEntities(value));
  };

  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(lt, lt + 64));
    if (!tag) {
      text('<');
      i = lt + 1;
      continue;
    }
    const end = findTagEnd(html, lt + tag[0].length);
    const name = tag[2]!.toLowerCase();
    i = end + 1;
    if (tag[1]) {
      closeElement(name);
      continue;
    }
    const body = html.slice(lt + tag[0].length, end);
    const element: HtmlElement = { name, attrs: parseAttributes(body.replace(/\/\s*$/, '')), children: [], parent: current };
    if (SELF_CLOSING_SIBLINGS.has(name) && current.name === name) current = current.parent ?? root;
    element.parent = current;
    current.children.push(element);
    if (RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, i);
      // Keep the text of <title> and <noscript>: harmless, and noscript galleries put their images there.
      const inner = html.slice(i, close < 0 ? html.length : close);
      if (name === 'noscript') element.children.push(...parseHtml(inner).children.map((child) => reparent(child, element)));
      else if (name === 'title') element.children.push(decodeEntities(inner));
      i = close < 0 ? html.length : findTagEnd(html, close) + 1;
      continue;
    }
    if (!VOID.has(name) && !/\/\s*$/.test(body)) current = element;
  }
  return root;

  function closeElement(name: string) {
    for (let open: HtmlElement | null = current; open && open !== root; open = open.parent) {
      if (open.name === name) {
        current = open.parent ?? root;
        return;
      }
    }
  }
}

function reparent(node: HtmlNode, parent: HtmlElement): HtmlNode {
  if (typeof node !== 'string') node.parent = parent;
  return node;
}

/** The `>` that ends a tag, skipping any inside quoted attribute values. */
function findTagEnd(html: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < html.length; i++) {
    const ch = html[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      // A quote only opens a value right after `=`; a stray one in a broken tag does not swallow the page.
      if (/=\s*$/.test(html.slice(Math.max(from, i - 8), i))) quote = ch;
    } else if (ch === '>') return i;
  }
  return html.length - 1;
}

/** Every element below `node`, in document order. */
export function* descendants(node: HtmlElement): Generator<HtmlElement> {
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    yield child;
    yield* descendants(child);
  }
}

/** The nearest ancestor with this name, or null. */
export function closest(node: HtmlElement, name: string): HtmlElement | null {
  for (let open = node.parent; open; open = open.parent) if (open.name === name) return open;
  return null;
}

/** The text inside an element, with `<br>` as a space and runs of white space collapsed. */
export function textContent(node: HtmlElement): string {
  const parts: string[] = [];
  const walk = (element: HtmlElement) => {
    for (const child of element.children) {
      if (typeof child === 'string') parts.push(child);
      else if (child.name === 'br') parts.push(' ');
      else walk(child);
    }
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** True when the element's class list holds this class. */
export function hasClass(node: HtmlElement, name: string): boolean {
  return (node.attrs.class ?? '').split(/\s+/).includes(name);
}
