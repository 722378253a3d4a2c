import { Button, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { t } from '../i18n/strings.js';
import { defaultFormatter, fieldTag, formattersFor, loopTags, sectionTags, type FieldEntry, type Formatter } from './tags.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  tag: { fontFamily: tokens.fontFamilyMonospace, backgroundColor: tokens.colorNeutralBackground3, padding: '2px 4px', borderRadius: tokens.borderRadiusSmall, overflowWrap: 'anywhere' },
  hint: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, margin: 0 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '4px' },
});

/**
 * The chosen field: the exact tag it becomes (with a formatter when the
 * type wants one), and buttons that insert the field, a loop or a
 * conditional section at Word's cursor.
 */
export function FieldDetails({ entry, formatters, insert, busy }: { entry: FieldEntry; formatters: Formatter[]; insert: (text: string) => void; busy: boolean }) {
  const styles = useStyles();
  const choices = formattersFor(entry.type, formatters);
  const [formatter, setFormatter] = useState(defaultFormatter(entry.type));
  useEffect(() => setFormatter(defaultFormatter(entry.type)), [entry.id]);

  const isLoop = entry.type === 'list';
  const isGroup = entry.type === 'object';
  const tag = fieldTag(entry, formatter);
  const loop = loopTags(entry);
  const filled = sectionTags(entry, 'filled');
  const empty = sectionTags(entry, 'empty');
  const example = choices.find((f) => f.name === formatter);

  return (
    <section className={styles.root} aria-label={t('word.fields.details', { label: entry.label })}>
      <span className={styles.name}>{[...entry.trail, entry.label].join(' › ')}</span>
      {entry.loop && <p className={styles.hint}>{t('word.fields.insideLoop', { loop: entry.loop })}</p>}
      {isLoop ? (
        <>
          <code className={styles.tag}>{loop.start}…{loop.end}</code>
          <p className={styles.hint}>{t('word.fields.loopHint', { start: loop.start, end: loop.end })}</p>
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={busy} onClick={() => insert(loop.start + loop.end)}>{t('word.fields.insertLoop')}</Button>
            <Button disabled={busy} onClick={() => insert(loop.start)}>{t('word.fields.insertStart')}</Button>
            <Button disabled={busy} onClick={() => insert(loop.end)}>{t('word.fields.insertEnd')}</Button>
          </div>
        </>
      ) : (
        <>
          {!isGroup && (
            <>
              <code className={styles.tag}>{tag}</code>
              {choices.length > 0 && (
                <Field label={t('word.fields.formatter')} hint={example ? `${example.description} — ${example.example}` : t('word.fields.noFormatter')}>
                  <Select value={formatter} onChange={(_, d) => setFormatter(d.value)}>
                    <option value="">{t('word.fields.asIs')}</option>
                    {choices.map((f) => <option key={f.name} value={f.name}>{f.name}</option>)}
                  </Select>
                </Field>
              )}
            </>
          )}
          <div className={styles.buttons}>
            {!isGroup && <Button appearance="primary" disabled={busy} onClick={() => insert(tag)}>{t('word.fields.insertField')}</Button>}
            <Button disabled={busy} onClick={() => insert(filled.start + filled.end)} title={`${filled.start}…${filled.end}`}>{t('word.fields.insertIfFilled')}</Button>
            <Button disabled={busy} onClick={() => insert(empty.start + empty.end)} title={`${empty.start}…${empty.end}`}>{t('word.fields.insertIfEmpty')}</Button>
          </div>
          <p className={styles.hint}>{t('word.fields.sectionHint')}</p>
        </>
      )}
    </section>
  );
}
