/**
 * The merge data of one record: its fields typed for formatting (money,
 * dates, lists), its related records and images, as relations.ts
 * describes. Reading the record itself goes through its service with the
 * caller's rights and scope, so a record the user may not see is 404.
 */
import type { Actor } from '../access/rights.js';
import { clientService } from '../clients/service.js';
import { companyService } from '../companies/service.js';
import { contactService } from '../contacts/service.js';
import { contractService } from '../contracts/service.js';
import { today, type AppContext } from '../context.js';
import type { Conn } from '../db/connect.js';
import type { EntityName, FieldDef } from '../fields/types.js';
import { readFile } from '../files/store.js';
import { InvoiceService } from '../invoices/service.js';
import { currencyScale } from '../money/currency.js';
import { parseDecimal } from '../money/decimal.js';
import type { ApiRecord } from '../records/rows.js';
import type { RecordService } from '../records/service.js';
import { userService } from '../users/service.js';
import { ownImages, relations, userFields, type RecordType } from './relations.js';
import { Choice, DateValue, Decimal, ImageValue, Money } from './values.js';

export type MergeData = Record<string, unknown>;

/** Related records are read as the system: the user's right to the record itself was checked. */
const SYSTEM: Actor = { id: 0, login: 'system', name: 'Kontora', role: 'admin', scope: 'all' };

function money(value: unknown, currency: string): Money | null {
  if (value === null || value === undefined || value === '') return null;
  const scale = currencyScale(currency);
  return new Money(parseDecimal(String(value), scale), currency, scale);
}

function typed(field: FieldDef, value: unknown, record: ApiRecord): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'money': {
      const currency = field.options.currencyField ? record[field.options.currencyField] : field.options.currency;
      return money(value, typeof currency === 'string' ? currency : 'EUR');
    }
    case 'number':
      return Decimal.parse(String(value));
    case 'date':
      return new DateValue(String(value));
    case 'datetime':
      return new DateValue(String(value).slice(0, 10));
    case 'one_of': {
      const choice = field.options.choices?.find((c) => c.key === value);
      return new Choice(String(value), choice?.label ?? String(value));
    }
    case 'many_of':
      return (value as string[]).map((key) => new Choice(key, field.options.choices?.find((c) => c.key === key)?.label ?? key));
    case 'phones':
      return (value as { number: string }[]).map((p) => p.number).join(', ');
    case 'emails':
      return (value as { address: string }[]).map((e) => e.address).join(', ');
    case 'messengers':
      return (value as { type: string; handle: string }[]).map((m) => `${m.type}: ${m.handle}`).join(', ');
    default:
      return value;
  }
}

function linesOf(record: ApiRecord): MergeData[] {
  const currency = String(record.currency ?? 'EUR');
  return ((record.lines as Record<string, unknown>[] | undefined) ?? []).map((line, index) => ({
    position: index + 1,
    description: line.description ?? '',
    unit: line.unit ?? '',
    productId: line.productId ?? null,
    quantity: Decimal.parse(String(line.quantity)),
    price: money(line.price, currency),
    discount: Decimal.parse(String(line.discount ?? '0')),
    vatRate: Decimal.parse(String(line.vatRate ?? '0')),
    net: money(line.net, currency),
    vat: money(line.vat, currency),
    gross: money(line.gross, currency),
  }));
}

/**
 * Loads merge data. One loader serves a whole batch: our company, its
 * images and the managers are read once, not once per document.
 */
export class MergeDataLoader {
  private readonly cache = new Map<string, Promise<MergeData | null>>();
  private readonly records = new Map<string, Promise<ApiRecord | null>>();
  private readonly services: Record<string, RecordService>;

  constructor(private readonly ctx: AppContext) {
    this.services = {
      client: clientService(ctx), company: companyService(ctx), contact: contactService(ctx),
      contract: contractService(ctx), invoice: new InvoiceService(ctx), user: userService(ctx),
    };
  }

  service(type: RecordType): RecordService {
    return this.services[type]!;
  }

  /** A record's fields typed for merging (e-mail templates batch-read records and type them here). */
  toMerge(entity: EntityName, record: ApiRecord): MergeData {
    const fields = this.ctx.fields.active(entity).filter((f) => entity !== 'user' || userFields.includes(f.key));
    const data: MergeData = entity === 'user' ? {} : { id: record.id };
    for (const field of fields) {
      if (field.type === 'lines') data.lines = linesOf(record);
      else if (field.type !== 'prices') data[field.key] = typed(field, record[field.key], record);
    }
    return data;
  }

  private async images(conn: Conn, entity: EntityName, id: number, purposes: string[], into: MergeData): Promise<void> {
    for (const purpose of purposes) {
      const file = await readFile(conn, { entity, id }, purpose);
      into[purpose] = file ? new ImageValue(file.content, file.mime, file.sha256) : null;
    }
  }

  /** A related record as the API gives it, read as the system once per loader (null when gone). */
  private record(entity: EntityName, id: unknown): Promise<ApiRecord | null> {
    if (typeof id !== 'number') return Promise.resolve(null);
    const key = `${entity}:${id}`;
    let found = this.records.get(key);
    if (!found) {
      found = this.services[entity]!.read(this.ctx.db, SYSTEM, id).catch(() => null);
      this.records.set(key, found);
    }
    return found;
  }

  private related(entity: EntityName, id: unknown, images: string[] = []): Promise<MergeData | null> {
    if (typeof id !== 'number') return Promise.resolve(null);
    const key = `${entity}:${id}`;
    let found = this.cache.get(key);
    if (!found) {
      found = (async () => {
        const record = await this.record(entity, id);
        if (!record) return null;
        const data = this.toMerge(entity, record);
        await this.images(this.ctx.db, entity, id, images, data);
        return data;
      })();
      // A loader lives for one request: in a batch, our company, managers
      // and clients repeat, and are read once.
      this.cache.set(key, found);
    }
    return found;
  }

  private async primaryContactOf(clientId: unknown): Promise<MergeData | null> {
    if (typeof clientId !== 'number') return null;
    const row = (await this.ctx.db('contacts').where({ client_id: clientId, is_primary: true }).orderBy('id').first('id')) as { id: number } | undefined;
    return row ? this.related('contact', Number(row.id)) : null;
  }

  private async defaultCompanyId(): Promise<number | null> {
    const row = (await this.ctx.db('companies').orderBy([{ column: 'is_default', order: 'desc' }, { column: 'id', order: 'asc' }]).first('id')) as { id: number } | undefined;
    return row ? Number(row.id) : null;
  }

  /** The merge data of a record the actor may read (else not_found). */
  async load(actor: Actor, type: RecordType, id: number): Promise<{ data: MergeData; record: ApiRecord }> {
    const record = await this.services[type]!.get(actor, id);
    const data = this.toMerge(type, record);
    await this.images(this.ctx.db, type, id, ownImages[type], data);
    const clientId = type === 'client' ? record.id : record.clientId;
    // The client's raw record (for its manager) and its merge data share one read.
    const client = type === 'client' ? record : await this.record('client', clientId);
    for (const relation of relations[type]) {
      let target: unknown;
      switch (relation.key) {
        case 'company': target = type === 'client' ? await this.defaultCompanyId() : record.companyId; break;
        case 'client': target = clientId; break;
        case 'manager': target = client?.managerId; break;
        case 'signatory': target = record.signatoryId; break;
        case 'contract': target = record.contractId; break;
        default: target = undefined;
      }
      data[relation.key] = relation.key === 'primaryContact' ? await this.primaryContactOf(clientId) : await this.related(relation.entity, target, relation.images);
    }
    data.today = new DateValue(today(this.ctx));
    return { data, record };
  }
}
