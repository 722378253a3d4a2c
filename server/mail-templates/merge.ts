/**
 * Merge tags in e-mail text: the same tag language as Word templates
 * ({client.name}, {total | money}, {#contact}…{/contact}, {^x}…{/x}),
 * parsed once into a tree and rendered per recipient without re-parsing.
 * Every problem is collected, not just the first, so a broken template is
 * refused with the whole list. Values are HTML-escaped in the HTML part.
 * Inside <style> and <script> elements braces are CSS or code, not tags.
 */
import { parseExpression, ExpressionError, type Expression } from '../documents/expression.js';
import { toText, type FormatContext } from '../documents/formatters.js';
import { evaluate } from '../documents/render.js';
import { isPresent } from '../documents/values.js';

export type MergeNode =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; raw: string; expression: Expression; line: number }
  | { kind: 'section'; raw: string; expression: Expression; inverted: boolean; line: number; children: MergeNode[] };

export interface MergeProblem {
  code: string;
  message: string;
  /** The tag as written, braces included. */
  tag: string;
  /** "subject", "HTML body, line 12", "plain text, line 3". */
  where: string;
  /** The same as message: the wording of the shared contract. */
  why: string;
  context?: string;
}

export interface Compiled {
  nodes: MergeNode[];
  problems: MergeProblem[];
  /** Top-level data keys the tags read (to load only what is used). */
  roots: Set<string>;
}

/** A link that prints as <a href> in HTML and as its address in plain text. */
export class MailLink {
  constructor(
    readonly url: string,
    readonly label: string,
  ) {}
  toJSON(): string {
    return this.url;
  }
}

export type PartKind = 'subject' | 'html' | 'text';

const MAX_TAG = 300;

const ENTITIES: Record<string, string> = { '&quot;': '"', '&#34;': '"', '&#39;': "'", '&apos;': "'", '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': ' ', '&#160;': ' ' };

/** HTML editors write quotes inside a tag as entities; the tag means the characters. */
const decodeTag = (text: string) => text.replace(/&(quot|#34|#39|apos|amp|lt|gt|nbsp|#160);/g, (e) => ENTITIES[e] ?? e);

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const partName: Record<PartKind, string> = { subject: 'subject', html: 'HTML body', text: 'plain text' };

/** Parses a part into a tree; problems are listed, and what can be parsed still is. */
export function compileMerge(source: string, part: PartKind): Compiled {
  const problems: MergeProblem[] = [];
  const roots = new Set<string>();
  const root: MergeNode[] = [];
  const stack: { node: Extract<MergeNode, { kind: 'section' }>; key: string }[] = [];
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const where = (offset: number) => (part === 'subject' ? 'subject' : `${partName[part]}, line ${lineOf(offset)}`);
  const contextAt = (offset: number) => {
    const line = lineOf(offset);
    const text = source.slice(lineStarts[line - 1]!, lineStarts[line] ?? source.length).trim();
    return text.slice(0, 120);
  };
  const report = (offset: number, tag: string, code: string, message: string) => {
    problems.push({ code, message, why: message, tag, where: where(offset), context: contextAt(offset) });
  };
  const current = () => (stack.length ? stack[stack.length - 1]!.node.children : root);
  const pushText = (text: string) => {
    if (!text) return;
    const into = current();
    const last = into[into.length - 1];
    if (last?.kind === 'text') last.text += text;
    else into.push({ kind: 'text', text });
  };
  const parse = (text: string, offset: number, tag: string): Expression | null => {
    try {
      const expression = parseExpression(part === 'html' ? decodeTag(text) : text);
      for (const path of [expression.path, ...expression.filters.flatMap((f) => f.args.flatMap((a) => ('path' in a ? [a.path] : [])))]) {
        if (path[0]) roots.add(path[0]);
      }
      return expression;
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      report(offset, tag, 'broken_tag', err.message);
      return null;
    }
  };
  const normalize = (text: string) => (part === 'html' ? decodeTag(text) : text).replace(/\s+/g, ' ').trim();

  let i = 0;
  let textStart = 0;
  const lower = part === 'html' ? source.toLowerCase() : '';
  while (i < source.length) {
    const c = source[i]!;
    if (part === 'html' && c === '<') {
      // CSS and scripts use braces of their own.
      const raw = /^<(style|script)\b/.exec(lower.slice(i, i + 8));
      if (raw) {
        const end = lower.indexOf(`</${raw[1]}`, i);
        i = end < 0 ? source.length : end + raw[1]!.length + 2;
        continue;
      }
      i++;
      continue;
    }
    if (c === '}') {
      report(i, '}', 'unopened_tag', 'A "}" has no "{" before it; write tags as {field}, or remove the stray brace.');
      i++;
      continue;
    }
    if (c !== '{') {
      i++;
      continue;
    }
    const close = source.indexOf('}', i + 1);
    const nextOpen = source.indexOf('{', i + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close) || close - i > MAX_TAG) {
      const shown = source.slice(i, Math.min(source.length, i + 40)).split('\n')[0]!;
      report(i, shown, 'unclosed_tag', 'A tag is opened with "{" and not closed with "}"' + (source[i + 1] === '{' ? '; write tags with single braces: {client.name}.' : '.'));
      i++;
      continue;
    }
    pushText(source.slice(textStart, i));
    const raw = source.slice(i, close + 1);
    const inner = source.slice(i + 1, close).trim();
    const offset = i;
    i = close + 1;
    textStart = i;
    const line = part === 'subject' ? 1 : lineOf(offset);
    if (inner.startsWith('#') || inner.startsWith('^')) {
      const expression = parse(inner.slice(1), offset, raw);
      const node = { kind: 'section' as const, raw, expression: expression ?? { path: ['\u0000'], filters: [] }, inverted: inner.startsWith('^'), line, children: [] as MergeNode[] };
      current().push(node);
      stack.push({ node, key: normalize(inner.slice(1)) });
    } else if (inner.startsWith('/')) {
      const key = normalize(inner.slice(1));
      if (!stack.length) {
        report(offset, raw, 'unopened_loop', `${raw} closes a section that was not opened with {#${key}}.`);
      } else if (key === '' || stack[stack.length - 1]!.key === key) {
        stack.pop();
      } else {
        const depth = stack.map((s) => s.key).lastIndexOf(key);
        if (depth < 0) {
          report(offset, raw, 'closing_tag_does_not_match_opening_tag', `${raw} does not close the open section ${stack[stack.length - 1]!.node.raw}; close it with {/${stack[stack.length - 1]!.key}} first.`);
        } else {
          for (const open of stack.splice(depth + 1)) {
            report(offset, open.node.raw, 'unclosed_loop', `${open.node.raw} (line ${open.node.line}) is not closed before ${raw}; add {/${open.key}}.`);
          }
          stack.pop();
        }
      }
    } else if (inner.startsWith('%')) {
      report(offset, raw, 'not_supported', 'Images ({%…}) are for Word templates; in an e-mail use an <img> tag with an address, or attach the file.');
    } else {
      const expression = parse(inner, offset, raw);
      if (expression) current().push({ kind: 'tag', raw, expression, line });
    }
  }
  pushText(source.slice(textStart));
  for (const open of stack) {
    problems.push({
      code: 'unclosed_loop', tag: open.node.raw, where: part === 'subject' ? 'subject' : `${partName[part]}, line ${open.node.line}`,
      message: `${open.node.raw} is never closed; add {/${open.key}} where the section ends.`, why: `${open.node.raw} is never closed; add {/${open.key}} where the section ends.`,
    });
  }
  return { nodes: root, problems, roots };
}

type Scopes = unknown[];

function lookup(expression: Expression, scopes: Scopes, fmt: FormatContext): unknown {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const value = evaluate(expression, scopes[i], { scopeList: scopes, num: i }, fmt);
    if (value !== undefined) return value;
  }
  return undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && v.constructor === Object;

function renderInto(nodes: MergeNode[], scopes: Scopes, html: boolean, fmt: FormatContext, out: string[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') {
      out.push(node.text);
      continue;
    }
    const value = lookup(node.expression, scopes, fmt);
    if (node.kind === 'tag') {
      if (value instanceof MailLink) out.push(html ? `<a href="${escapeHtml(value.url)}">${escapeHtml(value.label)}</a>` : value.url);
      else {
        const text = toText(value, fmt);
        out.push(html ? escapeHtml(text) : text);
      }
      continue;
    }
    // Lists repeat, objects open a scope, anything else is a condition — as in Word templates.
    if (Array.isArray(value)) {
      if (node.inverted) {
        if (!value.length) renderInto(node.children, scopes, html, fmt, out);
      } else for (const item of value) renderInto(node.children, [...scopes, item], html, fmt, out);
    } else if (isPlainObject(value)) {
      if (!node.inverted) renderInto(node.children, [...scopes, value], html, fmt, out);
    } else if (isPresent(value) !== node.inverted) {
      renderInto(node.children, scopes, html, fmt, out);
    }
  }
}

/** Renders a compiled part with the data; `html` escapes every value. */
export function renderMerge(nodes: MergeNode[], data: Record<string, unknown>, html: boolean, fmt: FormatContext): string {
  const out: string[] = [];
  renderInto(nodes, [data], html, fmt, out);
  return out.join('');
}
