/**
 * Every field a template of a record type may use, as a tree: the record,
 * its related records, lines and images, from the current field metadata.
 * The Word pane lists it; the template check resolves tags against it.
 */
import type { FieldStore } from '../fields/store.js';
import type { EntityName, FieldDef } from '../fields/types.js';
import { lineFields, ownImages, relations, userFields, type RecordType } from './relations.js';

export interface FieldNode {
  key: string;
  label: string;
  /** A field type (text, money, date, …), or object, list or image. */
  type: string;
  custom?: boolean;
  children?: FieldNode[];
}

/** The printable fields of one entity (e-mail templates list the same ones). */
export function fieldNodes(fields: FieldStore, entity: EntityName): FieldNode[] {
  const active = fields.active(entity).filter((f: FieldDef) => !f.hidden && f.type !== 'lines' && f.type !== 'prices');
  // The id is listed once, first, whether or not the metadata lists it too.
  const chosen = entity === 'user' ? active.filter((f) => userFields.includes(f.key)) : active.filter((f) => f.key !== 'id');
  return [
    ...(entity === 'user' ? [] : [{ key: 'id', label: 'ID', type: 'number' }]),
    ...chosen.map((f) => ({ key: f.key, label: f.label, type: f.type, ...(f.custom ? { custom: true } : {}) })),
  ];
}

const images = (purposes: string[]): FieldNode[] => purposes.map((p) => ({ key: p, label: p[0]!.toUpperCase() + p.slice(1), type: 'image' }));

export function fieldTree(fields: FieldStore, type: RecordType): FieldNode[] {
  const nodes: FieldNode[] = [...fieldNodes(fields, type), ...images(ownImages[type])];
  if (type !== 'client') nodes.push({ key: 'lines', label: 'Lines', type: 'list', children: lineFields.map((l) => ({ ...l })) });
  for (const relation of relations[type]) {
    nodes.push({ key: relation.key, label: relation.label, type: 'object', children: [...fieldNodes(fields, relation.entity), ...images(relation.images ?? [])] });
  }
  nodes.push({ key: 'today', label: 'Today\'s date', type: 'date' });
  return nodes;
}
