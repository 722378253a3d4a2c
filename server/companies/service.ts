import { nowIso, type AppContext } from '../context.js';
import type { Conn } from '../db/connect.js';
import type { ErrorDetail } from '../errors/app-error.js';
import { deleteOwnerFiles, fileInfos } from '../files/store.js';
import { formatProblem } from '../numbering/format.js';
import { SingleDefault, checkCurrency, checkRange, columnDefaults, fieldProblem, throwIfProblems } from '../records/constraints.js';
import { RecordService, assertUnused } from '../records/service.js';
import { containsText } from '../records/text-search.js';
import { companyDefaults, companyEntity } from './entity.js';

export const companyImagePurposes = ['logo', 'stamp', 'signature'] as const;

const defaults = new SingleDefault('companies', 'company');

/** The company documents are issued by when none is chosen. */
export async function defaultCompanyId(conn: Conn): Promise<number | null> {
  const row = (await conn('companies').where('is_default', true).orderBy('id').first('id')) as { id: number } | undefined;
  return row ? Number(row.id) : null;
}

export function companyService(ctx: AppContext): RecordService {
  return new RecordService(ctx, companyEntity, {
    async prepare(trx, input) {
      const { values } = input;
      const problems: ErrorDetail[] = [];
      const currency = checkCurrency(problems, values, 'defaultCurrency');
      checkRange(problems, values, 'defaultVatRate', { min: 0, max: 100, decimals: 2, unit: ' %' });
      checkRange(problems, values, 'paymentTermsDays', { min: 0, max: 365, decimals: 0, unit: ' days' });
      for (const key of ['invoiceNumberFormat', 'contractNumberFormat']) {
        const format = values[key];
        const problem = typeof format === 'string' ? formatProblem(format) : null;
        if (problem) problems.push(fieldProblem(key, 'invalid_format', problem));
      }
      throwIfProblems(problems);
      return {
        ...columnDefaults(input, companyDefaults),
        ...(currency ? { default_currency: currency } : {}),
        ...(await defaults.prepare(trx, input)),
      };
    },

    async expand(conn, records) {
      const files = await fileInfos(conn, 'company', records.map((r) => r.id));
      for (const record of records) {
        const own = files.get(record.id);
        record.images = Object.fromEntries(companyImagePurposes.map((p) => [p, own?.get(p) ?? null]));
      }
    },

    async afterWrite(trx, record) {
      await defaults.afterWrite(trx, record, nowIso(ctx));
    },

    async beforeDelete(trx, record) {
      await assertUnused(trx, [
        { table: 'contracts', column: 'company_id', id: record.id, what: 'contracts' },
        { table: 'invoices', column: 'company_id', id: record.id, what: 'invoices' },
        { table: 'payments', column: 'company_id', id: record.id, what: 'payments' },
      ]);
      await defaults.beforeDelete(trx, record);
    },

    async afterDelete(trx, record) {
      await deleteOwnerFiles(trx, { entity: 'company', id: record.id });
    },

    search: containsText('companies', ['name', 'legal_name', 'tax_id']),
  });
}
