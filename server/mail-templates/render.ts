/**
 * Merging recipients into an e-mail template. `prepareMail` parses the
 * template once (subject, HTML, plain text) and returns a renderer that
 * only looks data up and joins strings, so a 10,000-recipient mailing
 * does not re-parse anything; its `preload` reads recipients' records in
 * batches. The plain-text part, unless written by hand, is made from the
 * template's HTML once (html-to-text) and merged like the other parts, so
 * each message costs no HTML parsing; should that conversion ever lose a
 * tag, each message's HTML is converted instead.
 */
import { compile as htmlToTextCompiler } from 'html-to-text';
import type { Actor } from '../access/rights.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors/app-error.js';
import { AttachmentMaker, type MailAttachment } from './attachments.js';
import { compileMail, templateInvalid } from './check.js';
import { RecipientData, type MailRecipient } from './data.js';
import { mailFieldTree } from './fields.js';
import { MailLink, renderMerge, type MergeNode, type MergeProblem } from './merge.js';
import { findMailTemplate, type MailTemplate } from './store.js';

export type { MailRecipient } from './data.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
}

export type PreparedMail = ((recipient: MailRecipient, extra?: Record<string, unknown>) => Promise<RenderedMail>) & {
  template: MailTemplate;
  /** Reads the recipients' clients, contacts and managers in batches ahead of rendering them. */
  preload(recipients: MailRecipient[]): Promise<void>;
};

const toText = htmlToTextCompiler({
  wordwrap: false,
  selectors: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

/** The plain text of an HTML message, as mail programs show a text part. */
export const htmlToPlainText = (html: string): string => toText(html);

const LINK_LABEL = { en: 'Unsubscribe', ru: 'Отписаться' } as const;

/** The extra data a caller passes, with the unsubscribe link made from its address. */
function extraData(extra: Record<string, unknown> | undefined, locale: 'en' | 'ru'): Record<string, unknown> {
  const data: Record<string, unknown> = { ...(extra ?? {}) };
  const url = typeof data.unsubscribeUrl === 'string' ? data.unsubscribeUrl : '';
  data.unsubscribeUrl = url;
  if (!(data.unsubscribeLink instanceof MailLink)) data.unsubscribeLink = url ? new MailLink(url, LINK_LABEL[locale]) : '';
  return data;
}

/** Puts back the braces shielded from the tag parser. */
function unshield(nodes: MergeNode[]): MergeNode[] {
  for (const node of nodes) {
    if (node.kind === 'text') node.text = node.text.replace(/\uE000/g, '{').replace(/\uE001/g, '}');
    else if (node.kind === 'section') unshield(node.children);
  }
  return nodes;
}

/** Every problem of a template's parts against the current fields ([] when fine). */
export function problemsOf(ctx: AppContext, source: { subject: string; html: string; text: string | null }): MergeProblem[] {
  return compileMail(source, mailFieldTree(ctx.fields)).problems;
}

/** Every problem of a stored template at once ([] when fine). */
export async function checkMailTemplate(ctx: AppContext, templateId: number): Promise<MergeProblem[]> {
  const template = await findMailTemplate(ctx.db, templateId);
  if (!template) throw notFound('E-mail template');
  const problems = problemsOf(ctx, template);
  // A Word form attached to it may have been deleted since.
  for (const a of template.attachments) {
    if (a.kind === 'document' && a.documentTemplateId === null) {
      const why = `The Word form of the attachment "${a.fileName}" was deleted; remove the attachment or choose another form.`;
      problems.push({ code: 'attachment_invalid', tag: a.fileName, where: 'attachments', why, message: why });
    }
  }
  return problems;
}

/**
 * Parses a stored template once; throws template_invalid (every problem in
 * details) when it is broken, so a mailing is refused before its run.
 */
export async function prepareMail(ctx: AppContext, actor: Actor, templateId: number): Promise<PreparedMail> {
  const template = await findMailTemplate(ctx.db, templateId);
  if (!template) throw notFound('E-mail template');
  const problems = await checkMailTemplate(ctx, templateId);
  if (problems.length) throw templateInvalid(problems, true);
  const compiled = compileMail(template, mailFieldTree(ctx.fields));
  let textNodes: MergeNode[] | null = compiled.text?.nodes ?? null;
  if (!textNodes) {
    // Braces written as entities are text, not tags: shielded through the conversion, restored after parsing.
    const shielded = template.html.replace(/&(#123|#x7b|lbrace|lcub);/gi, '\uE000').replace(/&(#125|#x7d|rbrace|rcub);/gi, '\uE001');
    const fromHtml = compileMail({ subject: '', html: '', text: htmlToPlainText(shielded) }, mailFieldTree(ctx.fields));
    // The conversion drops tags inside attributes other than links; a section cut in half means converting per message.
    textNodes = fromHtml.problems.length ? null : unshield(fromHtml.text!.nodes);
  }
  const roots = new Set([...compiled.subject.roots, ...compiled.html.roots, ...(compiled.text?.roots ?? [])]);
  const data = new RecipientData(ctx, actor, roots);
  const attachments = new AttachmentMaker(ctx, actor, template.id, template.attachments);
  const fmt = { locale: template.locale };
  const render = async (recipient: MailRecipient, extra?: Record<string, unknown>): Promise<RenderedMail> => {
    const merged = { ...extraData(extra, template.locale), ...(await data.dataFor(recipient)) };
    const html = renderMerge(compiled.html.nodes, merged, true, fmt);
    return {
      // A header holds one line.
      subject: renderMerge(compiled.subject.nodes, merged, false, fmt).replace(/\s*[\r\n]+\s*/g, ' ').trim(),
      html,
      text: textNodes ? renderMerge(textNodes, merged, false, fmt) : htmlToPlainText(html),
      attachments: template.attachments.length ? await attachments.forRecipient(data.clientIdOf(recipient)) : [],
    };
  };
  return Object.assign(render, { template, preload: (recipients: MailRecipient[]) => data.preload(recipients) });
}

/** Merge one recipient into a stored template. */
export async function renderMail(ctx: AppContext, actor: Actor, templateId: number, recipient: MailRecipient, extra?: Record<string, unknown>): Promise<RenderedMail> {
  return (await prepareMail(ctx, actor, templateId))(recipient, extra);
}
