import type { Actor } from '../access/rights.js';
import { isPostgres, type Tx } from '../db/connect.js';
import { AppError, validationError, type ErrorDetail } from '../errors/app-error.js';
import { snakeCase } from '../fields/types.js';
import { CURRENCY_CODE } from '../money/currency.js';
import { DecimalError, parseDecimal } from '../money/decimal.js';
import type { ApiRecord, Row } from './rows.js';
import { RecordService, type WriteInput } from './service.js';

/**
 * Record rules several domains share: unique values, "exactly one default"
 * flags, numeric ranges and defaults for NOT NULL columns a user may leave
 * empty. They run inside the write transaction (from RecordHooks).
 */

export function fieldProblem(field: string, code: string, message: string): ErrorDetail {
  return { field, code, message };
}

/** Throws validation_failed when any problem was collected. */
export function throwIfProblems(problems: ErrorDetail[]): void {
  if (problems.length) throw validationError(problems);
}

/**
 * Refuses a value another row already has, ignoring case so "Retail" and
 * "retail" are not two price types. Checked before writing so the user gets
 * a field-level answer rather than the database's unique-index error.
 */
export async function assertUnique(
  trx: Tx,
  spec: { table: string; column: string; value: unknown; exceptId?: number; field: string; what: string },
): Promise<void> {
  if (typeof spec.value !== 'string' || spec.value === '') return;
  const qb = trx(spec.table).whereRaw('LOWER(??) = LOWER(?)', [spec.column, spec.value]);
  if (spec.exceptId !== undefined) qb.whereNot('id', spec.exceptId);
  const clash = (await qb.first('id')) as { id: number } | undefined;
  if (clash) {
    const message = `A ${spec.what} "${spec.value}" already exists.`;
    throw new AppError('already_exists', message, { details: [{ field: spec.field, code: 'already_exists', message, id: Number(clash.id) }] });
  }
}

/**
 * A decimal field's value as a scaled integer, checked against a range;
 * undefined/null pass (absent or cleared). The value already passed the
 * field's schema, so only the range can be wrong here.
 */
export function checkRange(
  problems: ErrorDetail[],
  values: Record<string, unknown>,
  key: string,
  range: { min: number; max: number; decimals: number; unit?: string },
): bigint | undefined {
  const value = values[key];
  if (value === undefined || value === null) return undefined;
  let scaled: bigint;
  try {
    scaled = parseDecimal(value as string | number, range.decimals);
  } catch (err) {
    if (!(err instanceof DecimalError)) throw err;
    problems.push(fieldProblem(key, err.reason, err.message));
    return undefined;
  }
  const factor = 10n ** BigInt(range.decimals);
  if (scaled < BigInt(range.min) * factor || scaled > BigInt(range.max) * factor) {
    problems.push(fieldProblem(key, 'out_of_range', `Use a value from ${range.min} to ${range.max}${range.unit ?? ''}.`));
  }
  return scaled;
}

/**
 * Column values for fields whose column is NOT NULL but which a user may
 * omit on create or clear with null: they fall back to the default. Keys
 * are field keys, values are already column values.
 */
export function columnDefaults(input: WriteInput, defaults: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(defaults)) {
    const given = input.values[key];
    if (given === null || (given === undefined && !input.existing)) row[snakeCase(key)] = value;
  }
  return row;
}

/**
 * "Exactly one default" (price types, our companies). The table is locked
 * on PostgreSQL for the rest of the transaction so two concurrent writes
 * cannot both make themselves the first or the only default; SQLite
 * already runs one write transaction at a time.
 */
export class SingleDefault {
  constructor(
    private readonly table: string,
    private readonly what: string,
  ) {}

  private async lock(trx: Tx): Promise<void> {
    if (isPostgres(trx)) await trx.raw('LOCK TABLE ?? IN SHARE ROW EXCLUSIVE MODE', [this.table]);
  }

  /** For prepare: the is_default column of this write, if it changes. */
  async prepare(trx: Tx, { values, existing }: WriteInput): Promise<Row> {
    await this.lock(trx);
    if (!existing) {
      // The first one is the default whatever was asked: there must be one.
      const any = await trx(this.table).first('id');
      return { is_default: !any || values.isDefault === true };
    }
    if (values.isDefault === undefined) return {};
    const wanted = values.isDefault === true;
    if (!wanted && existing.isDefault === true) {
      const message = `This is the default ${this.what}. Make another ${this.what} the default instead.`;
      throw new AppError('invalid_state', message, { details: [{ field: 'isDefault', code: 'invalid_state', message }] });
    }
    return { is_default: wanted };
  }

  /** For afterWrite: a new default takes the flag from the others. Their
   *  version moves on, so a form still showing the old flag gets a 409. */
  async afterWrite(trx: Tx, record: ApiRecord, at: string): Promise<void> {
    if (record.isDefault !== true) return;
    await trx(this.table)
      .where('is_default', true)
      .whereNot('id', record.id)
      .update({ is_default: false, version: trx.raw('version + 1'), updated_at: at });
  }

  /** For beforeDelete: the default goes last, or after another took over. */
  async beforeDelete(trx: Tx, record: ApiRecord): Promise<void> {
    if (record.isDefault !== true) return;
    await this.lock(trx);
    const other = await trx(this.table).whereNot('id', record.id).first('id');
    if (other) throw new AppError('invalid_state', `This is the default ${this.what}. Make another ${this.what} the default before deleting it.`);
  }
}

interface DriverError {
  code?: string;
  detail?: string;
  message?: string;
}

/** The column named by a unique-index violation, on either database. */
function violatedColumn(err: unknown): string | undefined {
  const e = err as DriverError;
  if (e?.code === '23505') return /Key \("?([a-z_0-9]+)"?\)=/i.exec(e.detail ?? '')?.[1];
  if (e?.code === 'SQLITE_CONSTRAINT') return /UNIQUE constraint failed: \w+\.(\w+)/.exec(e.message ?? '')?.[1];
  return undefined;
}

/**
 * A RecordService whose writes answer already_exists when a concurrent
 * write slipped past the unique check in prepare and the database's unique
 * index caught it, instead of failing as an internal error.
 */
export class UniqueRecordService extends RecordService {
  override async createIn(trx: Tx, actor: Actor, values: Record<string, unknown>): Promise<ApiRecord> {
    try {
      return await super.createIn(trx, actor, values);
    } catch (err) {
      throw this.translate(err);
    }
  }

  override async updateIn(trx: Tx, actor: Actor, id: number, body: Record<string, unknown>): Promise<ApiRecord> {
    try {
      return await super.updateIn(trx, actor, id, body);
    } catch (err) {
      throw this.translate(err);
    }
  }

  private translate(err: unknown): unknown {
    const column = violatedColumn(err);
    if (!column) return err;
    const field = this.fields.find((f) => f.column === column);
    const label = field?.label ?? column;
    const message = `Another ${this.def.label.toLowerCase()} already has this ${label.toLowerCase()}.`;
    return new AppError('already_exists', message, { details: [{ field: field?.key ?? column, code: 'already_exists', message }], cause: err });
  }
}

/**
 * An ISO 4217 code field: "eur" is taken as "EUR", anything that is not
 * three letters is refused. Returns the column value to store, if given.
 */
export function checkCurrency(problems: ErrorDetail[], values: Record<string, unknown>, key: string): string | undefined {
  const value = values[key];
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  if (!CURRENCY_CODE.test(code)) {
    problems.push(fieldProblem(key, 'invalid_format', 'Use a three-letter ISO 4217 currency code such as EUR or USD.'));
    return undefined;
  }
  return code;
}
