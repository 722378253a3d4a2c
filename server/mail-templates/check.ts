/**
 * The check of an e-mail template: every tag of the subject, the HTML body
 * and the plain-text part must parse, sections must be closed, and every
 * field a tag names must exist (resolved section by section exactly as a
 * Word template's fields are). All problems come back at once.
 */
import type { FieldNode } from '../documents/field-tree.js';
import { pathsOf } from '../documents/expression.js';
import { AppError } from '../errors/app-error.js';
import { loopScope, resolve } from '../templates/check.js';
import { compileMerge, type Compiled, type MergeNode, type MergeProblem, type PartKind } from './merge.js';

export interface MailSource {
  subject: string;
  html: string;
  text: string | null;
}

const unknownField = (path: string[]) => `There is no field "${path.join('.')}" here; see GET /api/v1/mail-templates/fields for the fields an e-mail may use.`;

function checkFields(nodes: MergeNode[], part: PartKind, tree: FieldNode[]): MergeProblem[] {
  const problems: MergeProblem[] = [];
  const where = (line: number) => (part === 'subject' ? 'subject' : `${part === 'html' ? 'HTML body' : 'plain text'}, line ${line}`);
  const add = (line: number, tag: string, code: string, message: string) => problems.push({ code, message, why: message, tag, where: where(line) });
  const visit = (list: MergeNode[], scopes: FieldNode[][]) => {
    for (const node of list) {
      if (node.kind === 'text') continue;
      if (node.kind === 'section' && node.expression.path[0] === '\u0000') { // a section whose tag did not parse: reported already
        visit(node.children, scopes);
        continue;
      }
      const missing = pathsOf(node.expression).filter((path) => resolve(scopes, path) === null);
      for (const path of missing) add(node.line, node.raw, 'unknown_field', unknownField(path));
      const found = resolve(scopes, node.expression.path);
      if (node.kind === 'section') {
        const inner = missing.length ? null : loopScope(found, node.expression);
        visit(node.children, inner ? [...scopes, inner] : scopes);
        continue;
      }
      if (!missing.length && found && found !== 'self' && !node.expression.compare && (found.type === 'object' || found.type === 'list' || found.type === 'image')) {
        const path = node.expression.path.join('.');
        add(node.line, node.raw, 'not_printable', found.type === 'list'
          ? `"${path}" is a list: repeat it with {#${path}}…{/${path}}.`
          : `"${path}" cannot be printed as text: choose one of its fields, e.g. {${path}.${found.children?.[1]?.key ?? 'name'}}, or open it as a section {#${path}}…{/${path}}.`);
      }
    }
  };
  visit(nodes, [tree]);
  return problems;
}

export interface CompiledMail {
  subject: Compiled;
  html: Compiled;
  text: Compiled | null;
  problems: MergeProblem[];
}

/** Compiles all parts and lists every problem, syntax and fields alike. */
export function compileMail(source: MailSource, tree: FieldNode[]): CompiledMail {
  const subject = compileMerge(source.subject, 'subject');
  const html = compileMerge(source.html, 'html');
  const text = source.text === null ? null : compileMerge(source.text, 'text');
  const problems: MergeProblem[] = [];
  for (const [part, compiled] of [['subject', subject], ['html', html], ['text', text]] as const) {
    if (!compiled) continue;
    problems.push(...compiled.problems, ...checkFields(compiled.nodes, part, tree));
  }
  return { subject, html, text, problems };
}

export function templateInvalid(problems: MergeProblem[], saved = false): AppError {
  const n = problems.length;
  return new AppError('template_invalid', `The e-mail template has ${n} problem${n === 1 ? '' : 's'}; details lists each tag, where it is and why.${saved ? '' : ' It was not saved.'}`, {
    details: problems.map((p) => ({ ...p })),
  });
}
