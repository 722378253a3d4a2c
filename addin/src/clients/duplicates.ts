/** What POST /clients/duplicates and /contacts/duplicates answer per likely duplicate. */
export interface DuplicateCandidate {
  entity: 'client' | 'contact';
  /** Present only when the user may open the record. */
  id?: number;
  name: string;
  managerId: number;
  managerName: string;
  clientName?: string;
  reasons: { code: 'tax_id' | 'email' | 'phone' | 'same_name' | 'similar_name'; value: string }[];
  score: number;
  accessible: boolean;
}

export interface DuplicateDraft {
  name?: string;
  legalName?: string;
  firstName?: string;
  lastName?: string;
  taxId?: string;
  emails?: string[];
  phones?: string[];
  excludeId?: number;
}

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return v ? v.slice(0, max) : undefined;
}

function channelValues(value: unknown, key: 'address' | 'number', max: number): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = value
    .map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined))
    .map((v) => text(v, max))
    .filter((v): v is string => v !== undefined && v.length >= 3)
    .slice(0, 20);
  return out.length ? out : undefined;
}

/**
 * The part of a form's values the duplicate check looks at, or null when
 * nothing typed yet is worth a look (so no request is sent for one letter).
 * Fields that do not apply to the record (a person's legal name) are left
 * out by the caller through `skip`.
 */
export function duplicateDraft(values: Record<string, unknown>, options: { skip?: ReadonlySet<string>; excludeId?: number } = {}): DuplicateDraft | null {
  const skip: ReadonlySet<string> = options.skip ?? new Set<string>();
  const draft: DuplicateDraft = {};
  for (const key of ['name', 'legalName', 'firstName', 'lastName'] as const) {
    const v = skip.has(key) ? undefined : text(values[key], 500);
    if (v && v.length >= 2) draft[key] = v;
  }
  const taxId = skip.has('taxId') ? undefined : text(values.taxId, 40);
  if (taxId && taxId.length >= 3) draft.taxId = taxId;
  const emails = channelValues(values.emails, 'address', 320);
  if (emails) draft.emails = emails;
  const phones = channelValues(values.phones, 'number', 40);
  if (phones) draft.phones = phones;
  if (Object.keys(draft).length === 0) return null;
  if (options.excludeId) draft.excludeId = options.excludeId;
  return draft;
}
