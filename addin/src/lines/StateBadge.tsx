import { Badge, type BadgeProps } from '@fluentui/react-components';
import { t, type StringKey } from '../i18n/strings.js';

const COLORS: Record<string, BadgeProps['color']> = {
  // contracts
  active: 'success', expiring: 'warning', expired: 'danger', terminated: 'subtle',
  // invoices
  draft: 'informative', issued: 'brand', partially_paid: 'warning', paid: 'success', overdue: 'danger', cancelled: 'subtle',
};

/** A contract's or invoice's state as a coloured badge; overdue and expired stand out in red. */
export function StateBadge({ kind, state, size = 'medium' }: { kind: 'contracts' | 'invoices'; state: string | null | undefined; size?: BadgeProps['size'] }) {
  if (!state) return null;
  const key = `${kind}.state.${state}` as StringKey;
  return (
    <Badge appearance={state === 'draft' ? 'outline' : 'filled'} color={COLORS[state] ?? 'informative'} size={size}>
      {t(key)}
    </Badge>
  );
}
