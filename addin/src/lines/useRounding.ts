import { useResource } from '../records/useRecord.js';

/** Whether the document's company rounds VAT per line or once per rate (undefined while unknown). */
export function useRounding(companyId: unknown): 'line' | 'document' | undefined {
  const company = useResource<{ vatRounding?: string | null }>(typeof companyId === 'number' ? `/companies/${companyId}` : null);
  const rule = company.data?.vatRounding;
  return rule === 'line' || rule === 'document' ? rule : undefined;
}
