import type { Conn } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import type { VatRounding } from '../money/vat.js';

/** What contracts, invoices and payments take from our company by default. */
export interface CompanyTerms {
  id: number;
  currency: string;
  vatRate: bigint;
  vatRounding: VatRounding;
  invoiceNumberFormat: string;
  contractNumberFormat: string;
  paymentTermsDays: number;
}

interface CompanyRow {
  id: number;
  default_currency: string;
  default_vat_rate: number;
  vat_rounding: VatRounding;
  invoice_number_format: string;
  contract_number_format: string;
  payment_terms_days: number;
}

/** The given company, or the default one when id is absent. */
export async function companyTerms(conn: Conn, id: number | null | undefined, field = 'companyId'): Promise<CompanyTerms> {
  const qb = conn('companies');
  if (id) qb.where({ id });
  else qb.orderBy([{ column: 'is_default', order: 'desc' }, { column: 'id', order: 'asc' }]);
  const row = (await qb.first()) as CompanyRow | undefined;
  if (!row) {
    throw id
      ? new AppError('reference_invalid', `There is no company ${id}.`, { details: [{ field, code: 'reference_invalid', message: `There is no company ${id}.` }] })
      : new AppError('invalid_state', 'Add your company first (POST /companies): documents are issued in its name.');
  }
  return {
    id: Number(row.id),
    currency: row.default_currency,
    vatRate: BigInt(row.default_vat_rate),
    vatRounding: row.vat_rounding,
    invoiceNumberFormat: row.invoice_number_format,
    contractNumberFormat: row.contract_number_format,
    paymentTermsDays: Number(row.payment_terms_days),
  };
}
