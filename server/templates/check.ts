/**
 * The template check run on every upload: the file must be a safe zip
 * (zip-guard.ts) holding a Word document, every tag must parse, and every
 * field a tag names must exist for the template's record type. All
 * problems are reported at once, each with the tag, where it is (part and
 * paragraph) and why, so a user fixes the form in one pass.
 */
import PizZip from 'pizzip';
import inspectModuleFactory from 'docxtemplater/js/inspect-module.js';
import { AppError, type ErrorDetail } from '../errors/app-error.js';
import { parseExpression, pathsOf, type Expression } from '../documents/expression.js';
import type { FieldNode } from '../documents/field-tree.js';
import { compileDocx } from '../documents/render.js';
import { IMAGE_MODULE } from '../documents/images.js';
import { unescapeXml } from '../documents/text.js';
import { checkZip, invalidFile } from './zip-guard.js';

export interface TemplateProblem extends ErrorDetail {
  tag: string;
  part: string;
  where: string;
}

const partLabel = (file: string): string => {
  const name = file.replace(/^word\//, '').replace(/\.xml$/, '');
  if (name === 'document') return 'body';
  if (/^header\d*$/.test(name)) return 'header';
  if (/^footer\d*$/.test(name)) return 'footer';
  return name;
};

/** The plain text of each paragraph of a part, in order. */
function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) => [...m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join(''));
}

/** Maps a text offset of a part (as docxtemplater counts it) to its paragraph. */
function paragraphLocator(xml: string): (offset: number) => { paragraph: number; text: string } | null {
  const paragraphs: { start: number; end: number; text: string }[] = [];
  let position = 0;
  for (const text of paragraphTexts(xml)) {
    paragraphs.push({ start: position, end: position + text.length, text });
    position += text.length;
  }
  return (offset) => {
    const index = paragraphs.findIndex((p) => offset >= p.start && offset < Math.max(p.end, p.start + 1));
    return index < 0 ? null : { paragraph: index + 1, text: paragraphs[index]!.text };
  };
}

function problem(zip: PizZip, file: string, offset: number | undefined, tag: string, code: string, message: string): TemplateProblem {
  const xml = zip.file(file)?.asText();
  const located = xml !== undefined && offset !== undefined ? paragraphLocator(xml)(offset) : null;
  const where = located ? `${partLabel(file)}, paragraph ${located.paragraph}` : partLabel(file);
  return {
    code, message, tag: `{${tag}}`, part: file, where,
    ...(located ? { context: located.text.slice(0, 120) } : {}),
  };
}

/** docxtemplater's inspect module: the CommonJS export is a factory. */
interface Inspector {
  fullInspected: Record<string, unknown>;
  getStructuredTags(file: string): unknown[];
  getAllTags(): Record<string, unknown>;
}
const newInspector = inspectModuleFactory as unknown as () => Inspector;

interface DxtError {
  properties?: { id?: string; xtag?: string; explanation?: string; file?: string; offset?: number; rootError?: { message?: string } };
  message?: string;
}

/** A field path in the innermost loop that has it ('self' for a loop's own item). */
export function resolve(scopes: FieldNode[][], path: string[]): FieldNode | 'self' | null {
  if (!path.length) return scopes.length > 1 ? 'self' : null;
  for (let i = scopes.length - 1; i >= 0; i--) {
    let node = scopes[i]!.find((n) => n.key === path[0]);
    if (!node) continue;
    for (const key of path.slice(1)) {
      node = node.children?.find((n) => n.key === key);
      if (!node) return null;
    }
    return node;
  }
  return null;
}

/** The fields inside a loop over `node`: a list's or object's children; a condition opens no new scope (null). */
export function loopScope(node: FieldNode | 'self' | null, expression: Expression): FieldNode[] | null {
  return node && node !== 'self' && !expression.compare && (node.type === 'list' || node.type === 'object') ? node.children ?? [] : null;
}

const unknownField = (path: string[]) => `There is no field "${path.join('.')}" here; see GET /api/v1/templates/fields for the fields of this record type.`;

/** The largest image box, in millimetres: beyond any paper size. */
const MAX_IMAGE_MM = 1000;

const TEMPLATE_PART = /^word\/(document|header\d*|footer\d*)\.xml$/;

/**
 * When a tag's syntax is broken docxtemplater parses nothing, so unknown
 * fields are looked for in the paragraphs' text instead, loops followed by
 * their {#…} and {/…} tags: the user still gets every problem in one answer.
 */
function unknownFieldsInText(zip: PizZip, tree: FieldNode[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const file of Object.keys(zip.files).filter((f) => TEMPLATE_PART.test(f))) {
    const scopes: FieldNode[][] = [tree];
    paragraphTexts(zip.file(file)!.asText()).forEach((text, index) => {
      for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
        const tag = m[1]!.trim();
        if (tag.startsWith('/')) {
          if (scopes.length > 1) scopes.pop();
          continue;
        }
        const loop = tag.startsWith('#') || tag.startsWith('^');
        if (tag.startsWith('%')) continue;
        let expression;
        try {
          expression = parseExpression(loop ? tag.slice(1) : tag);
        } catch {
          continue; // a syntax problem: the compiler's report names it
        }
        for (const path of pathsOf(expression).filter((p) => resolve(scopes, p) === null)) {
          problems.push({
            code: 'unknown_field', tag: `{${m[1]}}`, part: file, where: `${partLabel(file)}, paragraph ${index + 1}`, context: text.slice(0, 120),
            message: unknownField(path),
          });
        }
        if (loop) {
          scopes.push(loopScope(resolve(scopes, expression.path), expression) ?? []);
        }
      }
    });
  }
  return problems;
}

/** Field paths resolved against the tree, loop by loop. */
function checkFields(zip: PizZip, inspect: Inspector, tree: FieldNode[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const visit = (file: string, parts: { type: string; value: string; module?: string; offset?: number; subparsed?: unknown[] }[], scopes: FieldNode[][]) => {
    for (const part of parts) {
      if (part.type !== 'placeholder') continue;
      let expression;
      try {
        expression = parseExpression(part.value);
      } catch {
        continue; // reported by the compiler already
      }
      const missing = pathsOf(expression).filter((path) => resolve(scopes, path) === null);
      for (const path of missing) {
        problems.push(problem(zip, file, part.offset, part.value, 'unknown_field', unknownField(path)));
      }
      const node = resolve(scopes, expression.path);
      if (missing.length || node === null) {
        // The tags inside an unknown loop are still checked.
        if (part.module === 'loop') visit(file, (part.subparsed ?? []) as typeof parts, scopes);
        continue;
      }
      if (part.module === IMAGE_MODULE) {
        if (node === 'self' || node.type !== 'image') problems.push(problem(zip, file, part.offset, `%${part.value}`, 'not_an_image', `"${expression.path.join('.')}" is not an image; {%…} is for images such as company.logo.`));
        // The box is laid out in millimetres when the document is issued: a field or a non-number there would fail every issue.
        const size = expression.filters.find((f) => f.name === 'size');
        if (size && !size.args.every((a) => 'literal' in a && typeof a.literal === 'number' && a.literal > 0 && a.literal <= MAX_IMAGE_MM)) {
          problems.push(problem(zip, file, part.offset, `%${part.value}`, 'invalid_size', `size takes the width and height in millimetres, numbers from 1 to ${MAX_IMAGE_MM}, e.g. size:40:40.`));
        }
        continue;
      }
      if (part.module === 'loop') {
        const inner = loopScope(node, expression);
        visit(file, (part.subparsed ?? []) as typeof parts, inner ? [...scopes, inner] : scopes);
        continue;
      }
      if (node !== 'self' && !expression.compare && (node.type === 'list' || node.type === 'object' || node.type === 'image')) {
        const hint = node.type === 'image' ? `write {%${part.value}} to show the image` : node.type === 'list' ? `loop over it with {#${expression.path.join('.')}}…{/${expression.path.join('.')}}` : `choose one of its fields, e.g. {${expression.path.join('.')}.${node.children?.[1]?.key ?? 'name'}}`;
        problems.push(problem(zip, file, part.offset, part.value, 'not_printable', `"${expression.path.join('.')}" cannot be printed as text: ${hint}.`));
      }
    }
  };
  for (const file of Object.keys(inspect.fullInspected)) {
    visit(file, inspect.getStructuredTags(file) as never, [tree]);
  }
  return problems;
}

/**
 * Checks a template for a record type; returns how many tags it has, or
 * throws invalid_file (not a usable .docx) or template_invalid (with
 * every problem in details).
 */
export async function checkTemplate(content: Buffer, tree: FieldNode[]): Promise<{ tags: number }> {
  const names = await checkZip(content);
  if (!names.includes('word/document.xml') || !names.includes('[Content_Types].xml')) {
    throw invalidFile('it has no Word document inside (word/document.xml). Save the form from Word as .docx.', 'not_docx');
  }
  let zip: PizZip;
  try {
    zip = new PizZip(content);
  } catch (err) {
    throw invalidFile(`the zip archive cannot be read (${err instanceof Error ? err.message.slice(0, 120) : 'unreadable'}).`, 'corrupt');
  }
  const inspect = newInspector();
  try {
    compileDocx(zip, [inspect]);
  } catch (err) {
    const errors = ((err as { properties?: { errors?: DxtError[] } }).properties?.errors ?? [err as DxtError]);
    const problems = errors.map((e) => {
      const p = e.properties ?? {};
      if (!p.file) throw invalidFile(`Word's XML inside it is damaged (${String(e.message ?? 'unreadable').slice(0, 120)}).`, 'corrupt');
      const why = p.id === 'scopeparser_compilation_failed' && p.rootError?.message ? p.rootError.message : (p.explanation ?? e.message ?? 'The tag is broken.');
      return problem(zip, p.file, p.offset, p.xtag ?? '', p.id ?? 'broken_tag', why);
    });
    const reported = new Set(problems.map((p) => `${p.tag}@${p.where}`));
    throw templateInvalid([...problems, ...unknownFieldsInText(zip, tree).filter((p) => !reported.has(`${p.tag}@${p.where}`))]);
  }
  const problems = checkFields(zip, inspect, tree);
  if (problems.length) throw templateInvalid(problems);
  return { tags: Object.keys(inspect.getAllTags()).length };
}

function templateInvalid(problems: TemplateProblem[]): AppError {
  const n = problems.length;
  return new AppError('template_invalid', `The template has ${n} problem${n === 1 ? '' : 's'}; details lists each tag, where it is and why. It was not saved.`, { details: problems });
}
