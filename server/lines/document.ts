import type { Tx } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import { CURRENCY_CODE } from '../money/currency.js';
import { MAX_SCALED } from '../money/decimal.js';
import { documentTotals, lineAmounts, type VatMode, type VatRounding } from '../money/vat.js';
import type { WriteInput } from '../records/service.js';
import type { CompanyTerms } from '../companies/terms.js';
import { resolveLines, type ResolvedLine } from './resolve.js';
import type { LineInput } from './schema.js';
import { LINE_OWNER, replaceLines, type LinesTable } from './store.js';

/**
 * What contracts and invoices share: a currency, a VAT mode and lines whose
 * totals are kept on the document. prepareLines runs before the document
 * row is written and returns its total columns; saveLines writes the lines
 * after it.
 */
export class DocumentLines {
  private readonly pending = new WeakMap<WriteInput, ResolvedLine[]>();

  constructor(private readonly table: LinesTable) {}

  async prepare(
    trx: Tx,
    input: WriteInput,
    context: { clientId: number; terms: CompanyTerms },
  ): Promise<Record<string, unknown>> {
    const { values, existing } = input;
    const currency = String(values.currency ?? existing?.currency ?? context.terms.currency).toUpperCase();
    if (!CURRENCY_CODE.test(currency)) {
      throw new AppError('validation_failed', 'The currency is not valid.', { details: [{ field: 'currency', code: 'invalid_format', message: 'Use a three-letter ISO 4217 code such as EUR.' }] });
    }
    const vatMode = (values.vatMode ?? existing?.vatMode ?? 'exclusive') as VatMode;
    const lines = values.lines as LineInput[] | undefined;
    const hasLines = existing ? ((existing.lines as unknown[] | undefined)?.length ?? 0) > 0 : false;
    if (existing && lines === undefined && currency !== existing.currency && hasLines) {
      throw new AppError('validation_failed', 'Changing the currency needs the lines again.', {
        details: [{ field: 'currency', code: 'lines_required', message: 'Send the lines with their prices in the new currency together with the new currency.' }],
      });
    }
    let resolved: ResolvedLine[] | undefined;
    if (lines !== undefined) {
      resolved = await resolveLines(trx, lines, { clientId: context.clientId, currency, vatMode, defaultVatRate: context.terms.vatRate });
    } else if (existing && (vatMode !== existing.vatMode || values.companyId !== undefined)) {
      // The VAT mode (or the company's rounding rule) changed: recompute the stored lines.
      resolved = await this.recompute(trx, existing.id, vatMode);
    }
    const extra: Record<string, unknown> = { currency, vat_mode: vatMode };
    if (resolved) {
      this.pending.set(input, resolved);
      const totals = documentTotals(
        resolved.map((l) => ({ quantity: l.quantity, price: l.price, discount: l.discount, vatRate: l.vat_rate })),
        vatMode,
        context.terms.vatRounding as VatRounding,
      );
      if (totals.gross > MAX_SCALED || totals.net > MAX_SCALED) {
        throw new AppError('validation_failed', 'The document total is too large.', {
          details: [{ field: 'lines', code: 'out_of_range', message: 'The lines add up to more than can be stored; split them over several documents.' }],
        });
      }
      Object.assign(extra, { net_total: Number(totals.net), vat_total: Number(totals.vat), total: Number(totals.gross) });
    } else if (!existing) {
      Object.assign(extra, { net_total: 0, vat_total: 0, total: 0 });
    }
    return extra;
  }

  async save(trx: Tx, ownerId: number, input: WriteInput): Promise<void> {
    const resolved = this.pending.get(input);
    if (resolved) await replaceLines(trx, this.table, ownerId, resolved);
  }

  private async recompute(trx: Tx, ownerId: number, vatMode: VatMode): Promise<ResolvedLine[]> {
    const rows = (await trx(this.table).where({ [LINE_OWNER[this.table]]: ownerId }).orderBy('position')) as Record<string, number | string | null>[];
    return rows.map((r) => {
      const line = { quantity: BigInt(r.quantity!), price: BigInt(r.price!), discount: BigInt(r.discount!), vatRate: vatMode === 'none' ? 0n : BigInt(r.vat_rate!) };
      return {
        position: Number(r.position), product_id: r.product_id === null ? null : Number(r.product_id),
        description: String(r.description), unit: String(r.unit),
        quantity: line.quantity, price: line.price, discount: line.discount, vat_rate: line.vatRate,
        ...lineAmounts(line, vatMode),
      };
    });
  }
}
