import type { Conn } from '../db/connect.js';
import { AppError, type ErrorDetail } from '../errors/app-error.js';
import { linkTargets, type LinkTarget } from './options.js';
import type { FieldDef } from './types.js';

/**
 * Custom link fields point at a record that must exist when the value is
 * written. (Built-in links such as a client's manager are checked by their
 * own domain, with domain rules like "an active user".) The table comes
 * from the field's options, which only accept the names in linkTargets.
 */
export async function assertLinkTargets(conn: Conn, fields: FieldDef[], values: Record<string, unknown>): Promise<void> {
  const details: ErrorDetail[] = [];
  for (const field of fields) {
    if (!field.custom || field.type !== 'link' || field.archived) continue;
    const id = values[field.key];
    if (typeof id !== 'number') continue;
    const target = field.options.entity as LinkTarget | undefined;
    const table = target ? linkTargets[target] : undefined;
    if (!table) continue;
    const row = await conn(table).where({ id }).first('id');
    if (!row) details.push({ field: field.key, code: 'reference_invalid', message: `There is no ${target} ${id}.` });
  }
  if (details.length) {
    throw new AppError('reference_invalid', details.length === 1 ? details[0]!.message : 'Some linked records do not exist.', { details });
  }
}
