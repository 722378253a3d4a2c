import { z } from 'zod';
import { assertCan, type Actor } from '../access/rights.js';
import { companyTerms } from '../companies/terms.js';
import { today, type AppContext } from '../context.js';
import { AppError, fieldError } from '../errors/app-error.js';
import { idValue, parseOrThrow } from '../fields/validation.js';
import { CURRENCY_CODE, currencyScale } from '../money/currency.js';
import { DecimalError, formatDecimal, parseDecimal } from '../money/decimal.js';
import { RecordService } from '../records/service.js';
import type { ApiRecord } from '../records/rows.js';
import { assertClientVisible } from '../clients/service.js';
import { allocate, loadAllocations, releaseAllocations, type AllocationRequest } from './allocations.js';
import { paymentEntity } from './entity.js';

const amountText = z.union([z.string(), z.number()]);
const allocationItem = z.strictObject({ invoiceId: idValue, amount: amountText });
export const allocateBody = z.union([
  z.strictObject({ allocations: z.array(allocationItem).min(1).max(200) }),
  z.strictObject({ auto: z.literal(true) }),
]);

function money(value: string | number, currency: string, field: string): bigint {
  const scale = currencyScale(currency);
  try {
    return parseDecimal(value, scale);
  } catch (err) {
    if (!(err instanceof DecimalError)) throw err;
    throw fieldError(field, err.reason === 'not_a_number' ? 'invalid_format' : err.reason, err.reason === 'too_many_decimals' ? `${currency} amounts have at most ${scale} decimal places.` : err.message);
  }
}

function requestsFrom(list: z.output<typeof allocationItem>[], currency: string): AllocationRequest[] {
  return list.map((a, i) => ({ invoiceId: a.invoiceId, amount: money(a.amount, currency, `allocations.${i}.amount`) }));
}

export class PaymentService extends RecordService {
  constructor(ctx: AppContext) {
    super(ctx, paymentEntity, {
      structured: {
        // Write-only on create: allocate the new payment right away.
        allocations: { create: z.array(allocationItem).max(200).optional(), update: z.never({ error: 'Use POST /payments/{id}/allocations.' }).optional() },
        autoAllocate: { create: z.boolean().optional(), update: z.never({ error: 'Use POST /payments/{id}/allocations.' }).optional() },
      },

      prepare: async (trx, { values, actor, existing }) => {
        const merged = { ...existing, ...values };
        const allocated = existing ? parseDecimal(String(existing.allocated), currencyScale(String(existing.currency))) : 0n;
        if (existing && allocated > 0n && ((values.clientId !== undefined && values.clientId !== existing.clientId) || (values.currency !== undefined && values.currency !== existing.currency))) {
          throw new AppError('invalid_state', 'The payment is allocated to invoices; release the allocations before changing its client or currency.');
        }
        if (values.clientId !== undefined) await assertClientVisible(trx, actor, merged.clientId as number);
        const terms = await companyTerms(trx, merged.companyId as number | undefined);
        const currency = String(merged.currency ?? terms.currency).toUpperCase();
        if (!CURRENCY_CODE.test(currency)) throw fieldError('currency', 'invalid_format', 'Use a three-letter ISO 4217 code such as EUR.');
        if (existing && values.amount === undefined && currency !== existing.currency) {
          // The amount is stored in minor units of the currency: 50.50 EUR must not become 5050 JPY.
          throw fieldError('amount', 'required', `Send the amount in ${currency} together with the new currency.`);
        }
        const extra: Record<string, unknown> = { company_id: terms.id, currency, date: merged.date ?? today(ctx), method: merged.method ?? 'bank_transfer' };
        if (values.amount !== undefined) {
          const amount = money(values.amount as string, currency, 'amount');
          if (amount <= 0n) throw fieldError('amount', 'out_of_range', 'A payment is more than zero.');
          if (amount < allocated) {
            throw new AppError('allocation_exceeds', `${formatDecimal(allocated, currencyScale(currency))} ${currency} of this payment is allocated; release allocations before lowering the amount.`);
          }
          extra.amount = Number(amount);
        }
        if (!existing) extra.allocated = 0;
        delete values.allocations;
        delete values.autoAllocate;
        return extra;
      },

      expand: async (conn, records, _actor, detail) => {
        for (const r of records) {
          const scale = currencyScale(String(r.currency));
          r.unallocated = formatDecimal(parseDecimal(String(r.amount), scale) - parseDecimal(String(r.allocated), scale), scale);
        }
        if (detail) await loadAllocations(conn, records, 'payment_id');
      },

      beforeDelete: async (trx, record, actor) => {
        // Deleting a payment un-pays what it paid; the audit log keeps both.
        const ids = ((await trx('allocations').where({ payment_id: record.id }).select('id')) as { id: number }[]).map((r) => Number(r.id));
        await releaseAllocations(trx, ctx, actor, ids);
      },
    });
  }

  /** Creates a payment and, if asked, allocates it in the same transaction. */
  override async create(actor: Actor, body: unknown): Promise<ApiRecord> {
    assertCan(actor, 'payments', 'create');
    const values = parseOrThrow(this.schemas().create, body);
    const list = values.allocations as z.output<typeof allocationItem>[] | undefined;
    const auto = values.autoAllocate === true;
    if (list?.length && auto) throw fieldError('autoAllocate', 'invalid_value', 'Give allocations or autoAllocate, not both.');
    return this.ctx.db.transaction(async (trx) => {
      const created = await this.createIn(trx, actor, values);
      if (auto || list?.length) {
        await allocate(trx, this.ctx, actor, created.id, auto ? 'auto' : requestsFrom(list!, String(created.currency)));
        return this.read(trx, actor, created.id);
      }
      return created;
    });
  }

  async allocate(actor: Actor, id: number, body: unknown): Promise<ApiRecord> {
    assertCan(actor, 'payments', 'edit');
    const input = parseOrThrow(allocateBody, body);
    return this.ctx.db.transaction(async (trx) => {
      const payment = await this.read(trx, actor, id);
      await allocate(trx, this.ctx, actor, id, 'auto' in input ? 'auto' : requestsFrom(input.allocations, String(payment.currency)));
      return this.read(trx, actor, id);
    });
  }

  async release(actor: Actor, id: number, allocationId: number): Promise<ApiRecord> {
    assertCan(actor, 'payments', 'edit');
    return this.ctx.db.transaction(async (trx) => {
      await this.read(trx, actor, id);
      const row = await trx('allocations').where({ id: allocationId, payment_id: id }).first('id');
      if (!row) throw new AppError('not_found', 'Allocation was not found.');
      await releaseAllocations(trx, this.ctx, actor, [allocationId]);
      return this.read(trx, actor, id);
    });
  }
}
