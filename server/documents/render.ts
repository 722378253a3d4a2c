/**
 * Fills a .docx template with merge data: docxtemplater does the document
 * structure (runs split by Word, loops over table rows, conditions), our
 * expression language reads values and formats them, and ImagePlacer puts
 * pictures in. Empty-value rule: a field that is missing or empty prints
 * as nothing, and a condition on it is false.
 */
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { parseExpression, type Arg, type Expression } from './expression.js';
import { formatters, toText, type FormatContext } from './formatters.js';
import { IMAGE_MODULE, ImagePlacer, boxFor } from './images.js';
import { Choice, DateValue, Decimal, Money, isPresent, type Locale } from './values.js';

export interface ScopeContext {
  scopeList: unknown[];
  num: number;
}

const hasOwn = (o: unknown, key: string) => typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, key);

function walk(start: unknown, path: string[]): unknown {
  let value = start;
  for (const key of path) {
    if (!hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A path read from the innermost loop scope outwards, as tags are. */
function resolveArg(arg: Arg, context: ScopeContext): unknown {
  if ('literal' in arg) return arg.literal;
  for (let i = context.num; i >= 0; i--) {
    const scope = context.scopeList[i];
    if (arg.path.length === 0) return scope;
    if (hasOwn(scope, arg.path[0]!)) return walk(scope, arg.path);
  }
  return undefined;
}

function equals(value: unknown, literal: string | number): boolean {
  if (value instanceof Choice) return value.key === String(literal) || value.label === String(literal);
  if (value instanceof Money || value instanceof Decimal) return Number(value.toJSON()) === Number(literal);
  if (value instanceof DateValue) return value.iso === String(literal);
  if (value === null || value === undefined) return literal === '';
  return String(value) === String(literal);
}

/** One tag's value in one scope (undefined: an outer scope may have it); e-mail templates merge with it too. */
export function evaluate(expression: Expression, scope: unknown, context: ScopeContext, ctx: FormatContext): unknown {
  if (expression.path.length && !hasOwn(scope, expression.path[0]!)) return undefined; // an outer scope may have it
  let value = walk(scope, expression.path);
  if (expression.compare) {
    const same = equals(value, expression.compare.value);
    value = expression.compare.op === '==' ? same : !same;
  }
  for (const filter of expression.filters) {
    const args = filter.args.map((a) => resolveArg(a, context));
    value = formatters[filter.name]!.fn(value, args, ctx);
  }
  return value;
}

/** The docxtemplater parser: tags become expressions; values print by type. */
export function tagParser(ctx: FormatContext) {
  return (tag: string, meta?: { tag?: { module?: string; type?: string } }) => {
    const expression = parseExpression(tag);
    const module = meta?.tag?.module;
    return {
      expression,
      get(scope: unknown, context: ScopeContext): unknown {
        const value = evaluate(expression, scope, context, ctx);
        if (value === undefined) return undefined;
        if (module === IMAGE_MODULE) return value;
        if (module === 'loop') {
          // Lists loop and objects open a scope; anything else is a condition.
          if (Array.isArray(value)) return value;
          if (typeof value === 'object' && value !== null && value.constructor === Object) return value;
          return isPresent(value);
        }
        return toText(value, ctx);
      },
    };
  };
}

/** The docxtemplater module of {%image} tags. */
function imageModule(placer: ImagePlacer) {
  return {
    name: 'KontoraImageModule',
    matchers: () => [['%', IMAGE_MODULE]],
    render(part: { module?: string; value: string }, options: { filePath: string; scopeManager: { getValue(v: string, m: { part: unknown }): unknown } }) {
      if (part.module !== IMAGE_MODULE) return null;
      const expression = parseExpression(part.value);
      const size = expression.filters.find((f) => f.name === 'size');
      const mm = size ? [0, 1].map((i) => Number((size.args[i] as { literal?: unknown } | undefined)?.literal)) : [];
      // The upload check refuses bad sizes; a template stored before that check falls back to the default box.
      const box: [number, number] | null = mm.length === 2 && mm.every((n) => Number.isFinite(n) && n > 0) ? [mm[0]!, mm[1]!] : null;
      const value = options.scopeManager.getValue(part.value, { part });
      return { value: placer.drawing(value, options.filePath, boxFor(expression.path, box)) };
    },
  };
}

export const docxOptions = { paragraphLoop: true, linebreaks: true, errorLogging: false } as const;

/** The nullGetter: the empty-value rule for every kind of tag. */
const nullGetter = () => '';

export function renderDocx(template: Buffer, data: Record<string, unknown>, locale: Locale): Buffer {
  const zip = new PizZip(template);
  const placer = new ImagePlacer();
  const doc = new Docxtemplater(zip, { ...docxOptions, parser: tagParser({ locale }) as never, nullGetter, modules: [imageModule(placer) as never] });
  doc.render(data);
  placer.write(zip);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A compiler for validation: same options, nothing rendered. */
export function compileDocx(zip: PizZip, modules: unknown[] = []): Docxtemplater {
  return new Docxtemplater(zip, { ...docxOptions, parser: tagParser({ locale: 'en' }) as never, nullGetter, modules: [imageModule(new ImagePlacer()), ...modules] as never });
}

/**
 * A template that repeats its body for every entry of `__records`, with a
 * page break between them: a batch printed as one document. Headers and
 * footers are filled from the first record.
 */
export function repeatedTemplate(template: Buffer): Buffer {
  const zip = new PizZip(template);
  const xml = zip.file('word/document.xml')!.asText();
  const open = xml.indexOf('>', xml.indexOf('<w:body')) + 1;
  const sect = xml.lastIndexOf('<w:sectPr');
  const close = sect > open ? sect : xml.lastIndexOf('</w:body>');
  const tag = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const pageBreak = `${tag('{#__more}')}<w:p><w:r><w:br w:type="page"/></w:r></w:p>${tag('{/__more}')}`;
  zip.file('word/document.xml', xml.slice(0, open) + tag('{#__records}') + xml.slice(open, close) + pageBreak + tag('{/__records}') + xml.slice(close));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
