import { z } from 'zod';
import { assertCan, type Actor } from '../access/rights.js';
import { companyTerms } from '../companies/terms.js';
import { today, type AppContext } from '../context.js';
import type { Conn, Tx } from '../db/connect.js';
import { AppError, fieldError } from '../errors/app-error.js';
import { assertClientVisible } from '../clients/service.js';
import { DocumentLines } from '../lines/document.js';
import { linesSchemas } from '../lines/schema.js';
import { loadLines } from '../lines/store.js';
import { formatNumber } from '../numbering/format.js';
import { nextInSeries } from '../numbering/series.js';
import { dateString, parseOrThrow } from '../fields/validation.js';
import type { ApiRecord } from '../records/rows.js';
import { RecordService, assertUnused } from '../records/service.js';
import { indexContract } from '../search/documents.js';
import { removeEntry } from '../search/entries.js';
import { whereMatches } from '../search/query.js';
import { contractEntity, contractState } from './entity.js';
import { renewalTerm } from './term.js';

export const renewBody = z.strictObject({
  /** keep: the lines' prices and discounts as they are; current: today's prices of the client's price type and category. */
  prices: z.enum(['keep', 'current']).optional(),
  /** The new term; by default it starts the day after the contract ends and lasts as long. */
  startDate: dateString.optional(),
  endDate: dateString.optional(),
  /** By default the next number of the company's contract series. */
  number: z.string().trim().min(1).max(60).optional(),
});

export function contractService(ctx: AppContext): ContractService {
  return new ContractService(ctx);
}

export class ContractService extends RecordService {
  /** The contract a renewal being created renews (renewed_from_id is not writable through the API). */
  private readonly renewing: WeakMap<object, number>;

  constructor(ctx: AppContext) {
    const lines = new DocumentLines('contract_lines');
    const renewing = new WeakMap<object, number>();
    super(ctx, contractEntity, {
      structured: linesSchemas,

      async prepare(trx, input) {
        const { values, actor, existing } = input;
        const merged = { ...existing, ...values };
        const clientId = merged.clientId as number;
        if (values.clientId !== undefined) {
          if (existing && values.clientId !== existing.clientId && (await trx('invoices').where({ contract_id: existing.id }).first('id'))) {
            throw fieldError('clientId', 'invalid_value', 'The contract has invoices; it cannot move to another client.');
          }
          await assertClientVisible(trx, actor, clientId);
        }
        const terms = await companyTerms(trx, merged.companyId as number | undefined);
        const extra: Record<string, unknown> = { company_id: terms.id, ...(await lines.prepare(trx, input, { clientId, terms })) };

        const date = (merged.date as string | null) ?? today(ctx);
        extra.date = date;
        const startDate = (merged.startDate as string | null) ?? date;
        extra.start_date = startDate;
        if (typeof merged.endDate === 'string' && merged.endDate < startDate) {
          throw fieldError('endDate', 'out_of_range', 'The end date is before the start date.');
        }
        const noticeDays = merged.noticeDays ?? 30;
        if (typeof noticeDays !== 'number' || noticeDays < 0 || noticeDays > 3650) throw fieldError('noticeDays', 'out_of_range', 'Use 0 to 3650 days.');
        extra.notice_days = noticeDays;
        extra.status = merged.status ?? 'active';

        if (values.signatoryId) {
          const contact = await trx('contacts').where({ id: values.signatoryId, client_id: clientId }).first('id');
          if (!contact) throw fieldError('signatoryId', 'reference_invalid', 'The signatory must be a contact of the client.');
        }

        if (typeof values.number === 'string' && values.number.trim()) {
          const number = values.number.trim();
          const clash = await trx('contracts').where({ company_id: terms.id, number }).whereNot('id', existing?.id ?? 0).first('id');
          if (clash) throw fieldError('number', 'already_exists', `Contract ${number} already exists.`);
          extra.number = number;
        } else if (!existing || values.number === null || values.number === '') {
          extra.number = await nextContractNumber(trx, terms.id, terms.contractNumberFormat, date);
        }
        const renews = renewing.get(values);
        if (renews !== undefined) extra.renewed_from_id = renews;
        return extra;
      },

      saveStructured: (trx, id, input) => lines.save(trx, id, input),

      async expand(conn, records) {
        await loadLines(conn, 'contract_lines', records);
        const renewals = await renewalsOf(conn, records.map((r) => r.id));
        for (const r of records) {
          r.state = contractState(r, today(ctx));
          r.renewalId = renewals.get(r.id) ?? null;
        }
      },

      assertEditable(record) {
        if (record.status === 'terminated') throw new AppError('invalid_state', 'A terminated contract cannot be changed.');
      },

      afterWrite: (trx, record) => indexContract(trx, record.id),

      async beforeDelete(trx, record) {
        await assertUnused(trx, [
          { table: 'invoices', column: 'contract_id', id: record.id, what: 'invoices' },
          { table: 'contracts', column: 'renewed_from_id', id: record.id, what: 'renewals' },
        ]);
      },

      afterDelete: (trx, record) => removeEntry(trx, 'contract', record.id),

      search(qb, conn, q, actor) {
        whereMatches(qb, conn, 'contracts', 'contract', q, actor);
      },
    });
    this.renewing = renewing;
  }

  /**
   * Renews a contract: a new active contract for the same client with the
   * same subject, conditions, lines and custom values, for the next term
   * (term.ts), linked to it by renewedFromId. A contract is renewed once;
   * a second request gets already_exists with the renewal's id.
   */
  async renew(actor: Actor, id: number, body: unknown): Promise<ApiRecord> {
    assertCan(actor, 'contracts', 'create');
    const options = parseOrThrow(renewBody, body ?? {});
    return this.ctx.db.transaction(async (trx) => {
      // Two renewals of one contract at once: the second waits here and then sees the first.
      const source = await this.readForUpdate(trx, actor, id);
      if (source.status !== 'active') throw new AppError('invalid_state', `A ${String(source.status)} contract is not renewed; only active ones are.`);
      if (typeof source.endDate !== 'string') throw new AppError('invalid_state', 'The contract has no end date: it runs until it is terminated, so there is nothing to renew.');
      if (typeof source.renewalId === 'number') {
        throw new AppError('already_exists', `The contract is already renewed by contract ${String(source.renewalId)}.`, { details: [{ code: 'renewed', message: 'Open the renewal instead.', renewalId: source.renewalId }] });
      }
      const term = renewalTerm({ startDate: String(source.startDate), endDate: source.endDate });
      const custom = this.ctx.fields.active('contract').filter((f) => f.custom && source[f.key] !== null && source[f.key] !== undefined);
      const draft: Record<string, unknown> = {
        clientId: source.clientId, companyId: source.companyId, signatoryId: source.signatoryId, signatoryName: source.signatoryName,
        subject: source.subject, autoRenew: source.autoRenew, noticeDays: source.noticeDays, currency: source.currency, vatMode: source.vatMode,
        status: 'active', startDate: options.startDate ?? term.startDate, endDate: options.endDate ?? term.endDate,
        ...(options.number ? { number: options.number } : {}),
        ...Object.fromEntries(custom.map((f) => [f.key, source[f.key]])),
        lines: (source.lines as Record<string, unknown>[]).map((line) =>
          options.prices === 'current' && line.productId !== null
            ? { productId: line.productId, description: line.description, unit: line.unit, quantity: line.quantity }
            : { productId: line.productId, description: line.description, unit: line.unit, quantity: line.quantity, price: line.price, discount: line.discount, vatRate: line.vatRate },
        ),
      };
      const values = parseOrThrow(this.schemas().create, Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== null && v !== undefined)));
      this.renewing.set(values, id);
      return this.createIn(trx, actor, values);
    });
  }
}

/** The renewal of each contract that has one. */
async function renewalsOf(conn: Conn, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = (await conn('contracts').whereIn('renewed_from_id', ids).select('id', 'renewed_from_id')) as { id: number; renewed_from_id: number }[];
  return new Map(rows.map((r) => [Number(r.renewed_from_id), Number(r.id)]));
}

/** The next free number of the company's contract series. Contract numbers
 *  may also be typed by hand, so a generated one skips any already taken. */
async function nextContractNumber(trx: Tx, companyId: number, format: string, date: string): Promise<string> {
  const year = Number(date.slice(0, 4));
  for (;;) {
    const number = formatNumber(format, await nextInSeries(trx, companyId, 'contract', year), date);
    if (!(await trx('contracts').where({ company_id: companyId, number }).first('id'))) return number;
  }
}
