import { Button, MessageBar, MessageBarBody, Spinner, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeft20Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { navigate, useLocation } from '../shell/router.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'flex-start', justifyContent: 'space-between' },
  titles: { display: 'flex', flexDirection: 'column', minWidth: 0, flex: '1 1 200px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500, overflowWrap: 'anywhere' },
  subtitle: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '4px', alignItems: 'center' },
  facts: { display: 'flex', flexWrap: 'wrap', gap: '8px 24px' },
  fact: { display: 'flex', flexDirection: 'column' },
  factLabel: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  factValue: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  tabs: { overflowX: 'auto' },
  panel: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, padding: '12px' },
});

/** A figure in a card's header (balance, overdue, total…). */
export function Fact({ label, value, intent }: { label: string; value: ReactNode; intent?: 'danger' | 'success' }) {
  const styles = useStyles();
  const color = intent === 'danger' ? tokens.colorPaletteRedForeground1 : intent === 'success' ? tokens.colorPaletteGreenForeground1 : undefined;
  return (
    <div className={styles.fact}>
      <span className={styles.factLabel}>{label}</span>
      <span className={styles.factValue} style={{ color }}>{value}</span>
    </div>
  );
}

/** A white panel for a card's content. */
export function Panel({ children }: { children: ReactNode }) {
  return <div className={useStyles().panel}>{children}</div>;
}

export interface CardTab {
  key: string;
  label: string;
  render: () => ReactNode;
}

/**
 * The frame of every record card: back link, title, actions, header figures
 * and tabs whose choice is kept in the address (?tab=…), so reloading or
 * sharing the link reopens the same tab.
 */
export function Card(props: {
  title: ReactNode;
  subtitle?: ReactNode;
  back?: string;
  actions?: ReactNode;
  facts?: ReactNode;
  tabs?: CardTab[];
  children?: ReactNode;
}) {
  const styles = useStyles();
  const { query, path } = useLocation();
  const tab = props.tabs?.find((x) => x.key === query.get('tab')) ?? props.tabs?.[0];
  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <div className={styles.titles}>
          {props.back && (
            <div>
              <Button appearance="transparent" size="small" icon={<ArrowLeft20Regular />} onClick={() => navigate(props.back!)}>
                {t('card.back')}
              </Button>
            </div>
          )}
          <h1 className={styles.title}>{props.title}</h1>
          {props.subtitle && <span className={styles.subtitle}>{props.subtitle}</span>}
        </div>
        {props.actions && <div className={styles.actions}>{props.actions}</div>}
      </div>
      {props.facts && <div className={styles.facts}>{props.facts}</div>}
      {props.children}
      {props.tabs && props.tabs.length > 0 && (
        <>
          <TabList className={styles.tabs} selectedValue={tab?.key} onTabSelect={(_, d) => navigate(path, { tab: String(d.value) }, { replace: true })} size="small">
            {props.tabs.map((x) => (
              <Tab key={x.key} value={x.key}>{x.label}</Tab>
            ))}
          </TabList>
          <div role="tabpanel" aria-label={tab?.label}>{tab?.render()}</div>
        </>
      )}
    </div>
  );
}

/**
 * Loading and error states of a card, so each screen does not repeat them.
 * With `onRetry`, an error also offers a button to load again.
 */
export function CardState({ loading, error, onRetry }: { loading: boolean; error: Error | null; onRetry?: () => void }) {
  if (error) {
    const notFound = error instanceof ApiError && (error.status === 404 || error.code === 'invalid_id');
    return (
      <>
        <MessageBar intent={notFound ? 'warning' : 'error'}>
          <MessageBarBody>{notFound ? t('card.notFound') : t('error.generic', { message: error.message })}</MessageBarBody>
        </MessageBar>
        {onRetry && <Button onClick={onRetry}>{t('app.retry')}</Button>}
      </>
    );
  }
  if (loading) return <Spinner label={t('app.loading')} />;
  return null;
}
