import type { Tx } from '../db/connect.js';

/**
 * The next number of a series (company, document type, year), taken inside
 * the caller's transaction. The counter row is locked by the UPDATE until
 * the transaction ends, so concurrent issuers wait for each other, and a
 * rolled-back transaction gives its number back: the series has no gaps.
 */
export async function nextInSeries(trx: Tx, companyId: number, docType: string, year: number): Promise<number> {
  const key = { company_id: companyId, doc_type: docType, year };
  const updated = await trx('number_series').where(key).increment('last_number', 1);
  if (!updated) {
    // First document of the year: create the row; a concurrent creator
    // makes this insert do nothing, and the increment below takes the lock.
    await trx('number_series').insert({ ...key, last_number: 0 }).onConflict(['company_id', 'doc_type', 'year']).ignore();
    await trx('number_series').where(key).increment('last_number', 1);
  }
  const row = (await trx('number_series').where(key).first('last_number')) as { last_number: number };
  return Number(row.last_number);
}
