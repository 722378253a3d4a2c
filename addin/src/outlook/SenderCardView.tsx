import { Link, makeStyles, tokens } from '@fluentui/react-components';
import { t, type StringKey } from '../i18n/strings.js';
import { formatDate, formatDateTime, formatMoney } from '../records/format.js';
import type { SenderMatch } from './api.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  who: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, overflowWrap: 'anywhere' },
  quiet: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  section: { display: 'flex', flexDirection: 'column', gap: '2px' },
  label: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, textTransform: 'uppercase', letterSpacing: '0.02em' },
  list: { margin: 0, paddingLeft: '16px', overflowWrap: 'anywhere' },
  danger: { color: tokens.colorPaletteRedForeground1 },
});

/** The card of one matching record: who it is, its manager, and what is open with the client. */
export function SenderCardView({ match }: { match: SenderMatch }) {
  const styles = useStyles();
  if (!match.accessible) {
    return <p className={styles.quiet}>{t('outlook.notYours', { name: match.name, manager: match.managerName })}</p>;
  }
  const card = match.card;
  const client = match.client ?? null;
  return (
    <div className={styles.root}>
      <div className={styles.who}>
        {match.contact && (
          <span className={styles.name}>
            <Link href={`#/contacts/${match.contact.id}`}>{match.contact.name}</Link>
            {match.contact.jobTitle ? <span className={styles.quiet}> · {match.contact.jobTitle}</span> : null}
          </span>
        )}
        {client && (
          <span className={match.contact ? undefined : styles.name}>
            {match.contact ? `${t('outlook.client')}: ` : ''}
            <Link href={`#/clients/${client.id}`}>{client.name}</Link>
          </span>
        )}
        <span className={styles.quiet}>{t('outlook.manager')}: {match.managerName}</span>
      </div>
      {card && (
        <>
          <div className={styles.section} role="group" aria-label={t('outlook.openTasks', { count: card.openTaskCount })}>
            <span className={styles.label}>{card.openTaskCount ? t('outlook.openTasks', { count: card.openTaskCount }) : t('outlook.noTasks')}</span>
            {card.openTasks.length > 0 && (
              <ul className={styles.list}>
                {card.openTasks.map((task) => (
                  <li key={task.id}>
                    <Link href={`#/tasks/${task.id}`}>{task.title}</Link>
                    {task.dueAt ? <span className={styles.quiet}> · {formatDateTime(task.dueAt)}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className={styles.section}>
            <span className={styles.label}>{t('outlook.nextEvent')}</span>
            {card.nextEvent ? (
              <span>
                <Link href={`#/events/${card.nextEvent.id}`}>{card.nextEvent.subject}</Link>
                <span className={styles.quiet}> · {formatDateTime(card.nextEvent.startsAt)}</span>
              </span>
            ) : (
              <span className={styles.quiet}>{t('outlook.noEvent')}</span>
            )}
          </div>
          {client && (
            <div className={styles.section} role="group" aria-label={t('outlook.unpaid', { count: card.unpaidInvoiceCount })}>
              <span className={styles.label}>{card.unpaidInvoiceCount ? t('outlook.unpaid', { count: card.unpaidInvoiceCount }) : t('outlook.noUnpaid')}</span>
              {card.unpaidInvoices.length > 0 && (
                <ul className={styles.list}>
                  {card.unpaidInvoices.map((inv) => (
                    <li key={inv.id} className={inv.state === 'overdue' ? styles.danger : undefined}>
                      <Link href={`#/invoices/${inv.id}`}>
                        {t('outlook.invoiceLine', { number: inv.number ?? '—', date: formatDate(inv.dueDate), amount: formatMoney(inv.remaining, inv.currency) })}
                      </Link>
                      {inv.state === 'overdue' ? ` · ${t('invoices.state.overdue' as StringKey)}` : ''}
                    </li>
                  ))}
                </ul>
              )}
              {card.balance.map((b) => (
                <span key={b.currency}>
                  {t('outlook.balance')}: <strong>{formatMoney(b.balance, b.currency)}</strong>
                  {Number(b.overdue) > 0 ? <span className={styles.danger}> · {t('outlook.overdue', { amount: formatMoney(b.overdue, b.currency) })}</span> : null}
                </span>
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
