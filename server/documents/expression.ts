/**
 * The merge-field language inside {…}: a field path, optionally compared
 * with a literal, then formatters after pipes.
 *   {client.name}  {total | money}  {date | date:"DD.MM.YYYY"}
 *   {#vatMode == "none"}…{/vatMode == "none"}  {client.legalName | default:client.name}
 * Word turns straight quotes into curly ones as people type, so both count.
 * No code is ever evaluated: a tag is parsed into this small tree.
 */
import { formatters } from './formatters.js';

export type Arg = { literal: string | number } | { path: string[] };

export interface Expression {
  /** Empty for ".", the current loop item. */
  path: string[];
  compare?: { op: '==' | '!='; value: string | number };
  filters: { name: string; args: Arg[] }[];
}

export class ExpressionError extends Error {}

const IDENT = /^[A-Za-z_$\u00c0-\uffff][\w$\u00c0-\uffff]*$/;

function normalizeQuotes(text: string): string {
  return text.replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"').replace(/[\u2018\u2019\u201a]/g, "'");
}

/** Splits on a separator outside quotes. */
function splitOutside(text: string, sep: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (text.startsWith(sep, i)) {
      parts.push(text.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  if (quote) throw new ExpressionError('A quote is not closed.');
  parts.push(text.slice(start));
  return parts;
}

export function parsePath(text: string): string[] {
  const t = text.trim();
  if (t === '.' || t === 'this') return [];
  const segments = t.split('.');
  if (!segments.every((s) => IDENT.test(s))) throw new ExpressionError(`"${t.slice(0, 60)}" is not a field name; use names like client.name.`);
  return segments;
}

function parseLiteral(text: string): string | number | undefined {
  const t = text.trim();
  if (/^"[^"]*"$/.test(t) || /^'[^']*'$/.test(t)) return t.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return undefined;
}

export function parseExpression(raw: string): Expression {
  const text = normalizeQuotes(raw).trim();
  if (!text) throw new ExpressionError('The tag is empty.');
  const [head, ...pipes] = splitOutside(text, '|');
  const expression: Expression = { path: [], filters: [] };
  const comparison = /^(.*?)(==|!=)(.*)$/.exec(head!);
  if (comparison && !/["']/.test(comparison[1]!)) {
    expression.path = parsePath(comparison[1]!);
    const value = parseLiteral(comparison[3]!);
    if (value === undefined) throw new ExpressionError('Compare with text in quotes or a number, e.g. status == "active".');
    expression.compare = { op: comparison[2] as '==' | '!=', value };
  } else {
    expression.path = parsePath(head!);
  }
  for (const pipe of pipes) {
    const [nameText, ...argTexts] = splitOutside(pipe, ':');
    const name = nameText!.trim();
    const spec = formatters[name];
    if (!spec) throw new ExpressionError(`There is no formatter "${name.slice(0, 40)}"; use ${Object.keys(formatters).join(', ')}.`);
    const args: Arg[] = argTexts.map((a) => {
      const literal = parseLiteral(a);
      return literal !== undefined ? { literal } : { path: parsePath(a) };
    });
    if (args.length < spec.args[0] || args.length > spec.args[1]) {
      throw new ExpressionError(`The formatter "${name}" takes ${spec.args[0] === spec.args[1] ? spec.args[0] : `${spec.args[0]} to ${spec.args[1]}`} argument(s).`);
    }
    expression.filters.push({ name, args });
  }
  return expression;
}

/** Every field path a tag reads: its own and those of formatter arguments. */
export function pathsOf(expression: Expression): string[][] {
  return [expression.path, ...expression.filters.flatMap((f) => f.args.flatMap((a) => ('path' in a ? [a.path] : [])))];
}
