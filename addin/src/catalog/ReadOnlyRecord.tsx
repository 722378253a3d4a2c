import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import { formatValue } from '../records/format.js';
import { STRUCTURED, useFields, type FieldMeta } from '../records/meta.js';
import type { FormSection } from '../records/RecordForm.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  title: { margin: '4px 0 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  list: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: '8px 16px', margin: 0 },
  item: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
});

/**
 * A record shown as labelled values, for people whose role may read but
 * not change it; the same sections as the edit form, custom fields included.
 */
export function ReadOnlyRecord(props: { entity: string; record: Record<string, unknown>; sections?: FormSection[]; exclude?: string[] }) {
  const styles = useStyles();
  const fields = useFields(props.entity);
  if (!fields) return <Spinner label={t('app.loading')} />;
  const exclude = new Set(props.exclude ?? []);
  const shown = fields.filter((f) => !f.hidden && !exclude.has(f.key) && !STRUCTURED.has(f.type));
  const byKey = new Map(shown.map((f) => [f.key, f]));
  const listed = new Set((props.sections ?? []).flatMap((s) => s.keys));
  const sections: FormSection[] = [...(props.sections ?? []), { keys: shown.filter((f) => !listed.has(f.key)).map((f) => f.key) }];
  return (
    <div className={styles.root}>
      {sections.map((section, i) => {
        const list = section.keys.map((k) => byKey.get(k)).filter((f): f is FieldMeta => f !== undefined);
        if (!list.length) return null;
        return (
          <section key={section.title ?? i}>
            {section.title && <h3 className={styles.title}>{section.title}</h3>}
            <dl className={styles.list}>
              {list.map((f) => (
                <div key={f.key} className={styles.item}>
                  <dt className={styles.label}>{f.label}</dt>
                  <dd className={styles.value}>{formatValue(f, props.record) || t('form.none')}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
