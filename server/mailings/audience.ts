import type { Knex } from 'knex';
import type { Actor } from '../access/rights.js';
import { clientService } from '../clients/service.js';
import { contactService } from '../contacts/service.js';
import type { AppContext } from '../context.js';
import { today } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { applyFilters, parseListParams } from '../records/query.js';
import type { RecordService } from '../records/service.js';
import type { SkipReason } from './store.js';

/** One person a mailing would write to, with the reason they are left out, if any. */
export interface Candidate {
  clientId: number | null;
  contactId: number | null;
  name: string;
  email: string | null;
  address: string | null;
  skip: SkipReason | null;
}

export type Audience = 'clients' | 'contacts';

const MAX_RECIPIENTS = 100_000;

function serviceOf(ctx: AppContext, audience: Audience): RecordService {
  return audience === 'clients' ? clientService(ctx) : contactService(ctx);
}

/**
 * Checks a saved filter the way the list API would (same parameters, same
 * operators, same errors), so a filter that works on the list works here.
 */
export function checkFilter(ctx: AppContext, audience: Audience, filter: Record<string, string>): void {
  const service = serviceOf(ctx, audience);
  try {
    parseListParams(filter, service.def, service.fields);
  } catch (err) {
    if (err instanceof AppError && err.code === 'invalid_query') {
      throw new AppError('validation_failed', 'The recipient filter is invalid.', { details: (err.details ?? []).map((d) => ({ ...d, field: `filter.${d.field ?? ''}` })) });
    }
    throw err;
  }
}

/** An address a mail server would take: one @, no spaces or brackets, a dotted domain. */
export function plausibleAddress(address: string): boolean {
  return address.length <= 254 && /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/.test(address) && !/\.\./.test(address);
}

/**
 * The recipients of a mailing, in a stable order (by id), each with its
 * first e-mail address and why it is skipped: no address, an address no
 * server would take, the same address as an earlier recipient, or on the
 * suppression list. Chosen within the sender's scope, as their list shows.
 */
export async function candidatesOf(
  ctx: AppContext,
  actor: Actor,
  spec: { audience: Audience; filter: Record<string, string> | null; picked: number[] | null },
  conn: Knex | Knex.Transaction = ctx.db,
): Promise<Candidate[]> {
  const service = serviceOf(ctx, spec.audience);
  const table = service.def.table;
  const base = service.scoped(conn, actor);
  if (spec.picked) base.whereIn(`${table}.id`, spec.picked.length ? spec.picked : [0]);
  else {
    const params = parseListParams(spec.filter ?? {}, service.def, service.fields);
    applyFilters(base, conn, table, params.filters, today(ctx));
    if (params.q) {
      if (!service.hooks.search) throw new AppError('invalid_query', 'Quick search is not available here.');
      service.hooks.search(base, conn, params.q, actor);
    }
  }
  const cols = spec.audience === 'clients' ? [`${table}.id`, `${table}.name`] : [`${table}.id`, `${table}.name`, `${table}.client_id`];
  const rows = (await base.select(cols).orderBy(`${table}.id`).limit(MAX_RECIPIENTS + 1)) as { id: number; name: string; client_id?: number | null }[];
  if (rows.length > MAX_RECIPIENTS) throw new AppError('validation_failed', `A mailing goes to at most ${MAX_RECIPIENTS.toLocaleString('en')} recipients; narrow the filter.`, { details: [{ field: 'filter', code: 'too_many', message: 'Too many recipients.' }] });
  const owner = spec.audience === 'clients' ? 'client' : 'contact';
  const emails = new Map<number, string>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => Number(r.id));
    const channels = (await conn('channels').where({ owner_entity: owner, kind: 'email' }).whereIn('owner_id', ids).orderBy(['owner_id', 'position']).select('owner_id', 'value')) as { owner_id: number; value: string }[];
    for (const c of channels) if (!emails.has(Number(c.owner_id))) emails.set(Number(c.owner_id), c.value.trim());
  }
  const suppressed = await suppressedAmong(conn, [...new Set([...emails.values()].map((e) => e.toLowerCase()))]);
  const seen = new Set<string>();
  return rows.map((r) => {
    const id = Number(r.id);
    const email = emails.get(id) ?? null;
    const address = email ? email.toLowerCase() : null;
    let skip: SkipReason | null = null;
    if (!email) skip = 'no_email';
    else if (!plausibleAddress(email)) skip = 'invalid_address';
    else if (seen.has(address!)) skip = 'duplicate_address';
    else if (suppressed.has(address!)) skip = 'unsubscribed';
    if (address && skip === null) seen.add(address);
    return spec.audience === 'clients'
      ? { clientId: id, contactId: null, name: r.name, email, address, skip }
      : { clientId: r.client_id === null || r.client_id === undefined ? null : Number(r.client_id), contactId: id, name: r.name, email, address, skip };
  });
}

export async function suppressedAmong(conn: Knex | Knex.Transaction, addresses: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < addresses.length; i += 500) {
    const rows = (await conn('mail_suppressions').whereIn('address', addresses.slice(i, i + 500)).select('address')) as { address: string }[];
    for (const r of rows) out.add(r.address);
  }
  return out;
}
