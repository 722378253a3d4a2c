import { formatValue } from '../records/format.js';
import type { FieldMeta } from '../records/meta.js';
import { kindOf } from './clientSections.js';

/** The requisites printed for each kind of client, in the order a letterhead or contract lists them. */
const LEGAL = ['taxId', 'registrationNumber', 'legalAddress', 'postalAddress', 'bankName', 'bankCode', 'bankAccount', 'correspondentAccount', 'directorName'];
const INDIVIDUAL = ['birthday', 'taxId', 'registrationAddress', 'residenceAddress'];

/**
 * A client's requisites as lines of text ("Tax ID: 123…"), first the full
 * name, then each filled requisite with its label. The director's title,
 * when given, replaces the "Director" label ("CEO: Ewa Klein").
 */
export function requisiteLines(client: Record<string, unknown>, fields: FieldMeta[]): string[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const text = (key: string) => (typeof client[key] === 'string' ? (client[key] as string).trim() : '');
  const individual = kindOf(client) === 'individual';
  const person = [text('lastName'), text('firstName'), text('middleName')].filter(Boolean).join(' ');
  const title = individual ? person || text('name') : text('legalName') || text('name');
  const lines = title ? [title] : [];
  for (const key of individual ? INDIVIDUAL : LEGAL) {
    const field = byKey.get(key);
    if (!field) continue;
    const value = formatValue(field, client).trim();
    if (!value) continue;
    const label = key === 'directorName' && text('directorTitle') ? text('directorTitle') : field.label;
    lines.push(`${label}: ${value}`);
  }
  return lines;
}
