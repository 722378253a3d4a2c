import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useHost } from '../hosts/context.js';
import type { RecordType } from '../documents/api.js';
import { t } from '../i18n/strings.js';
import { idFrom } from '../lines/today.js';
import { navigate, useLocation } from '../shell/router.js';
import { EditForm } from './EditForm.js';
import { UseForm } from './UseForm.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px', maxWidth: '640px', minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  intro: { margin: 0, color: tokens.colorNeutralForeground3 },
});

const TYPES = new Set(['contract', 'invoice', 'client']);

/**
 * #/word — print forms in the Word task pane (Word hosts open here): use a
 * form to fill a document from a record, or edit a form. Outside Word only
 * "Use a form" is offered, as downloads; forms are managed in #/templates.
 */
export function WordPane() {
  const styles = useStyles();
  const host = useHost();
  const { query, path } = useLocation();
  const mode = host.kind === 'word' && query.get('mode') === 'edit' ? 'edit' : 'use';
  const type = query.get('recordType');
  const initial = { recordType: type && TYPES.has(type) ? (type as RecordType) : undefined, recordId: idFrom(query.get('recordId')) ?? undefined };

  return (
    <div className={styles.root}>
      <h1 className={styles.title}>{t('word.title')}</h1>
      {host.kind === 'word' ? (
        <TabList selectedValue={mode} onTabSelect={(_, d) => navigate(path, { mode: String(d.value) }, { replace: true })} size="small">
          <Tab value="use">{t('word.mode.use')}</Tab>
          <Tab value="edit">{t('word.mode.edit')}</Tab>
        </TabList>
      ) : (
        <p className={styles.intro}>{t('word.browserIntro')}</p>
      )}
      {/* Both stay mounted, so switching modes keeps the opened form, the chosen record and what was typed. */}
      <div role="tabpanel" aria-label={t('word.mode.use')} hidden={mode !== 'use'}>
        <UseForm initial={initial} />
      </div>
      {host.kind === 'word' && (
        <div role="tabpanel" aria-label={t('word.mode.edit')} hidden={mode !== 'edit'}>
          <EditForm host={host} />
        </div>
      )}
    </div>
  );
}
