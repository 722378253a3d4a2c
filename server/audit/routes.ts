import type { Conn } from '../db/connect.js';
import { toIso } from '../fields/codec.js';
import { idParam, route, type Route } from '../http/route.js';
import type { RecordService } from '../records/service.js';

export const auditListJson = () => ({ type: 'object', properties: { items: { type: 'array', items: entryJson } }, required: ['items'], additionalProperties: false });

const entryJson = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    userId: { type: ['integer', 'null'] },
    userName: { type: ['string', 'null'] },
    action: { type: 'string' },
    changes: { type: 'object', additionalProperties: { type: 'object', properties: { old: {}, new: {} }, required: ['old', 'new'] } },
  },
  required: ['id', 'at', 'userId', 'userName', 'action', 'changes'],
  additionalProperties: false,
};

/**
 * GET /<resource>/:id/audit for each entity: who changed what and when,
 * newest first. Readable by whoever may read the record itself.
 */
export function auditRoutes(services: RecordService[]): Route[] {
  return services.map((service) =>
    route({
      method: 'get', path: `/${service.def.path}/:id/audit`, tag: service.def.labelPlural,
      summary: `History of a ${service.def.label.toLowerCase()}: each change with old and new values`,
      response: auditListJson,
      async handler(call) {
        const id = idParam(call);
        await service.get(call.actor, id); // rights and scope of the record itself
        return { items: await auditEntries(call.ctx.db, service.def.name, id) };
      },
    }),
  );
}

/** The audit entries of one record, newest first (at most 500). */
export async function auditEntries(conn: Conn, entity: string, id: number): Promise<Record<string, unknown>[]> {
  const rows = (await conn('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .where({ 'audit_log.entity': entity, 'audit_log.record_id': id })
    .orderBy('audit_log.id', 'desc')
    .limit(500)
    .select('audit_log.*', 'users.name as user_name')) as { id: number; at: unknown; user_id: number | null; user_name: string | null; action: string; changes: string }[];
  return rows.map((r) => ({
    id: Number(r.id), at: toIso(r.at), userId: r.user_id === null ? null : Number(r.user_id), userName: r.user_name,
    action: r.action, changes: JSON.parse(r.changes) as Record<string, unknown>,
  }));
}
