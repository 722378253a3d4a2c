import { seesAll, type Actor } from '../access/rights.js';
import { companyTerms } from '../companies/terms.js';
import { today, type AppContext } from '../context.js';
import type { Tx } from '../db/connect.js';
import { AppError } from '../errors/app-error.js';
import { DocumentLines } from '../lines/document.js';
import { linesSchemas } from '../lines/schema.js';
import { loadLines } from '../lines/store.js';
import { formatNumber } from '../numbering/format.js';
import { nextInSeries } from '../numbering/series.js';
import { RecordService, assertUnused } from '../records/service.js';
import { indexContract } from '../search/documents.js';
import { removeEntry } from '../search/entries.js';
import { whereMatches } from '../search/query.js';
import { contractEntity, contractState } from './entity.js';

const fieldError = (field: string, code: string, message: string) =>
  new AppError(code === 'reference_invalid' ? 'reference_invalid' : code === 'already_exists' ? 'already_exists' : 'validation_failed', message, {
    details: [{ field, code, message }],
  });

/** The client of a document, which the user must be able to see. */
export async function assertClientVisible(trx: Tx, actor: Actor, clientId: number): Promise<void> {
  const client = (await trx('clients').where({ id: clientId }).first('manager_id')) as { manager_id: number } | undefined;
  if (!client || (!seesAll(actor) && Number(client.manager_id) !== actor.id)) {
    throw fieldError('clientId', 'reference_invalid', `There is no client ${clientId} you can see.`);
  }
}

export function contractService(ctx: AppContext): RecordService {
  const lines = new DocumentLines('contract_lines');
  return new RecordService(ctx, contractEntity, {
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
      return extra;
    },

    saveStructured: (trx, id, input) => lines.save(trx, id, input),

    async expand(conn, records) {
      await loadLines(conn, 'contract_lines', records);
      for (const r of records) r.state = contractState(r, today(ctx));
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
