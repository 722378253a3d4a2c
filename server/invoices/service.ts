import { z } from 'zod';
import { assertCan, type Actor } from '../access/rights.js';
import { audit } from '../audit/log.js';
import { companyTerms } from '../companies/terms.js';
import { nowIso, today, type AppContext } from '../context.js';
import type { Tx } from '../db/connect.js';
import { AppError, fieldError } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { DocumentLines } from '../lines/document.js';
import { linesSchemas } from '../lines/schema.js';
import { loadLines } from '../lines/store.js';
import { formatDecimal, parseDecimal } from '../money/decimal.js';
import { currencyScale } from '../money/currency.js';
import { formatNumber } from '../numbering/format.js';
import { nextInSeries } from '../numbering/series.js';
import { loadAllocations, lockAllocatedPayments, releaseAllocations } from '../payments/allocations.js';
import { RecordService, versionConflict } from '../records/service.js';
import type { ApiRecord } from '../records/rows.js';
import { indexInvoice } from '../search/documents.js';
import { removeEntry } from '../search/entries.js';
import { whereMatches } from '../search/query.js';
import { assertClientVisible } from '../clients/service.js';
import { invoiceEntity, invoiceState } from './entity.js';
import { addDays } from '../dates.js';

/** Fields that may still change once an invoice is issued. */
const AFTER_ISSUE = new Set(['notes', 'dueDate']);

export const actionBody = z.strictObject({ version: z.number({ error: 'Send the version you read.' }).int().positive() });
export const cancelBody = z.strictObject({
  version: z.number({ error: 'Send the version you read.' }).int().positive(),
  /** Move the payments allocated to this invoice back to the client's credit. */
  releasePayments: z.boolean().optional(),
});

export class InvoiceService extends RecordService {
  constructor(ctx: AppContext) {
    const lines = new DocumentLines('invoice_lines');
    super(ctx, invoiceEntity, {
      structured: linesSchemas,

      prepare: async (trx, input) => {
        const { values, actor, existing } = input;
        if (existing && existing.status !== 'draft') {
          const custom = new Set(ctx.fields.active('invoice').filter((f) => f.custom).map((f) => f.key));
          const locked = Object.keys(values).filter((k) => !AFTER_ISSUE.has(k) && !custom.has(k));
          if (locked.length) {
            throw new AppError('invalid_state', `An ${existing.status} invoice keeps its amounts; only notes, the due date and custom fields may change. Cancel it and issue a new one instead.`, {
              details: locked.map((field) => ({ field, code: 'locked', message: 'Locked after the invoice is issued.' })),
            });
          }
          if (values.dueDate === undefined) return {};
          const date = existing.date as string;
          // No due date means the company's payment terms, as on a draft.
          const dueDate = (values.dueDate as string | null) ?? addDays(date, (await companyTerms(trx, existing.companyId as number)).paymentTermsDays);
          if (dueDate < date) throw fieldError('dueDate', 'out_of_range', 'The due date is before the invoice date.');
          return { due_date: dueDate };
        }
        const merged = { ...existing, ...values };
        let clientId = merged.clientId as number;
        let companyId = merged.companyId as number | null | undefined;
        if (merged.contractId) {
          const contract = (await trx('contracts').where({ id: merged.contractId }).first('client_id', 'company_id', 'currency', 'vat_mode')) as
            | { client_id: number; company_id: number; currency: string; vat_mode: string }
            | undefined;
          if (!contract) throw fieldError('contractId', 'reference_invalid', `There is no contract ${String(merged.contractId)}.`);
          if (values.clientId !== undefined && values.clientId !== Number(contract.client_id)) {
            throw fieldError('clientId', 'invalid_value', 'The invoice\'s client must be the client of its contract.');
          }
          clientId = Number(contract.client_id);
          companyId ??= Number(contract.company_id);
          // An invoice under a contract is in the contract's currency and VAT mode unless told otherwise.
          if (!existing) {
            values.currency ??= contract.currency;
            values.vatMode ??= contract.vat_mode;
          }
        }
        if (!clientId) throw fieldError('clientId', 'required', 'Choose the client.');
        await assertClientVisible(trx, actor, clientId);
        const terms = await companyTerms(trx, companyId);
        const date = (merged.date as string | null) ?? today(ctx);
        const dueDate = (merged.dueDate as string | null) ?? addDays(date, terms.paymentTermsDays);
        if (dueDate < date) throw fieldError('dueDate', 'out_of_range', 'The due date is before the invoice date.');
        return {
          client_id: clientId, company_id: terms.id, date, due_date: dueDate,
          ...(existing ? {} : { status: 'draft', paid: 0 }),
          ...(await lines.prepare(trx, input, { clientId, terms })),
        };
      },

      saveStructured: (trx, id, input) => lines.save(trx, id, input),

      expand: async (conn, records, _actor, detail) => {
        await loadLines(conn, 'invoice_lines', records);
        for (const r of records) {
          const scale = currencyScale(String(r.currency));
          const total = parseDecimal(String(r.total), scale);
          const paid = parseDecimal(String(r.paid), scale);
          r.remaining = formatDecimal(r.status === 'issued' ? total - paid : 0n, scale);
          r.state = invoiceState({ status: r.status, paid, total, dueDate: r.dueDate }, today(ctx));
        }
        if (detail) await loadAllocations(conn, records, 'invoice_id');
      },

      afterWrite: (trx, record) => indexInvoice(trx, record.id),

      beforeDelete: async (_trx, record) => {
        if (record.status !== 'draft') {
          throw new AppError('invalid_state', 'Only drafts can be deleted; an issued invoice is cancelled instead, so its number stays in the series.');
        }
      },

      afterDelete: (trx, record) => removeEntry(trx, 'invoice', record.id),

      search: (qb, conn, q, actor) => whereMatches(qb, conn, 'invoices', 'invoice', q, actor),
    });
  }

  /**
   * Gives a draft its number, in the same transaction that marks it issued:
   * if anything fails, the number goes back to the series.
   */
  async issue(actor: Actor, id: number, body: unknown): Promise<ApiRecord> {
    assertCan(actor, 'invoices', 'edit');
    const { version } = parseOrThrow(actionBody, body);
    return this.ctx.db.transaction(async (trx) => {
      const existing = await this.lockedRead(trx, actor, id, version);
      if (existing.status !== 'draft') throw new AppError('invalid_state', `The invoice is already ${existing.status}.`);
      if (!(existing.lines as unknown[]).length) {
        throw new AppError('validation_failed', 'An invoice needs at least one line to be issued.', { details: [{ field: 'lines', code: 'required', message: 'Add a line first.' }] });
      }
      const terms = await companyTerms(trx, existing.companyId as number);
      const date = existing.date as string;
      const year = Number(date.slice(0, 4));
      const sequence = await nextInSeries(trx, terms.id, 'invoice', year);
      const number = formatNumber(terms.invoiceNumberFormat, sequence, date);
      if (await trx('invoices').where({ company_id: terms.id, number }).first('id')) {
        throw new AppError('invalid_state', `The number format gives "${number}", which is already used; include {YYYY} in the company's invoice number format.`);
      }
      const at = nowIso(this.ctx);
      await trx('invoices').where({ id, version }).update({ number, year, sequence, status: 'issued', issued_at: at, version: version + 1, updated_at: at });
      const record = await this.read(trx, actor, id);
      await indexInvoice(trx, id);
      await audit(trx, { actor, entity: 'invoice', recordId: id, action: 'issue', before: existing, after: record, at });
      return record;
    });
  }

  /**
   * Cancels an issued invoice. With payments allocated it is refused unless
   * releasePayments is true, which returns them to the client's credit.
   */
  async cancel(actor: Actor, id: number, body: unknown): Promise<ApiRecord> {
    assertCan(actor, 'invoices', 'edit');
    const { version, releasePayments } = parseOrThrow(cancelBody, body);
    return this.ctx.db.transaction(async (trx) => {
      // An allocation locks its payment, then the invoice; releasing takes the same order, or the two deadlock.
      if (releasePayments) await lockAllocatedPayments(trx, id);
      const existing = await this.lockedRead(trx, actor, id, version);
      if (existing.status === 'draft') throw new AppError('invalid_state', 'A draft is deleted, not cancelled.');
      if (existing.status === 'cancelled') throw new AppError('invalid_state', 'The invoice is already cancelled.');
      const allocations = (await trx('allocations').where({ invoice_id: id }).select('id', 'payment_id', 'amount')) as { id: number; payment_id: number; amount: number }[];
      if (allocations.length && !releasePayments) {
        const scale = currencyScale(String(existing.currency));
        throw new AppError('invoice_has_payments', `Payments of ${String(existing.paid)} ${String(existing.currency)} are allocated to this invoice. Release them to the client's credit (releasePayments: true) or reallocate them first.`, {
          details: allocations.map((a) => ({ code: 'allocated', message: `Payment ${a.payment_id}: ${formatDecimal(BigInt(a.amount), scale)}`, paymentId: Number(a.payment_id), amount: formatDecimal(BigInt(a.amount), scale) })),
        });
      }
      if (allocations.length) await releaseAllocations(trx, this.ctx, actor, allocations.map((a) => Number(a.id)));
      const at = nowIso(this.ctx);
      await trx('invoices').where({ id }).update({ status: 'cancelled', cancelled_at: at, version: trx.raw('version + 1'), updated_at: at });
      const record = await this.read(trx, actor, id);
      await audit(trx, { actor, entity: 'invoice', recordId: id, action: 'cancel', before: existing, after: record, at });
      return record;
    });
  }

  /** Reads and, on PostgreSQL, locks the row for the rest of the transaction. */
  private async lockedRead(trx: Tx, actor: Actor, id: number, version: number): Promise<ApiRecord> {
    const existing = await this.readForUpdate(trx, actor, id);
    if (existing.version !== version) throw versionConflict(existing);
    return existing;
  }
}
