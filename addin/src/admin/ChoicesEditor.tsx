import { Button, Input, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, ArrowDown20Regular, ArrowUp20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import { t } from '../i18n/strings.js';
import { MAX_CHOICES } from './fieldTypes.js';

/** A choice being edited; `key` is kept for existing choices so records keep their values. */
export interface ChoiceDraft {
  key?: string;
  label: string;
  /** Stable identity for React while labels change. */
  uid: number;
}

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: '4px', margin: 0, padding: 0, listStyle: 'none' },
  row: { display: 'flex', gap: '2px', alignItems: 'center' },
  input: { flex: '1 1 auto', minWidth: 0 },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

let next = 1;
export function newChoice(label = '', key?: string): ChoiceDraft {
  return { label, key, uid: next++ };
}

/** The choices of a one-of or many-of field: add, relabel, reorder, remove. */
export function ChoicesEditor({ choices, onChange, errors }: { choices: ChoiceDraft[]; onChange: (c: ChoiceDraft[]) => void; errors: Record<number, string> }) {
  const styles = useStyles();
  const move = (i: number, by: number) => {
    const list = [...choices];
    const [item] = list.splice(i, 1);
    list.splice(i + by, 0, item!);
    onChange(list);
  };
  return (
    <div>
      <ul className={styles.list}>
        {choices.map((c, i) => (
          <li key={c.uid}>
            <div className={styles.row}>
              <Input
                className={styles.input}
                id={`choice-${i}`}
                value={c.label}
                aria-label={t('admin.field.choiceN', { n: i + 1 })}
                onChange={(_, d) => onChange(choices.map((x) => (x.uid === c.uid ? { ...x, label: d.value } : x)))}
                onKeyDown={(e) => {
                  // Enter on the last choice adds another, the quick way to type a list.
                  if (e.key === 'Enter' && i === choices.length - 1 && c.label.trim() && choices.length < MAX_CHOICES) {
                    e.preventDefault();
                    onChange([...choices, newChoice()]);
                    setTimeout(() => document.getElementById(`choice-${i + 1}`)?.focus(), 0);
                  }
                }}
              />
              <Button size="small" appearance="subtle" icon={<ArrowUp20Regular />} disabled={i === 0} aria-label={t('admin.field.choiceUp', { n: i + 1 })} onClick={() => move(i, -1)} />
              <Button size="small" appearance="subtle" icon={<ArrowDown20Regular />} disabled={i === choices.length - 1} aria-label={t('admin.field.choiceDown', { n: i + 1 })} onClick={() => move(i, 1)} />
              <Button size="small" appearance="subtle" icon={<Dismiss20Regular />} disabled={choices.length === 1} aria-label={t('admin.field.choiceRemove', { n: i + 1 })} onClick={() => onChange(choices.filter((x) => x.uid !== c.uid))} />
            </div>
            {errors[i] && <span className={styles.error} role="alert">{errors[i]}</span>}
          </li>
        ))}
      </ul>
      <Button size="small" appearance="transparent" icon={<Add20Regular />} disabled={choices.length >= MAX_CHOICES} onClick={() => onChange([...choices, newChoice()])}>
        {t('admin.field.addChoice')}
      </Button>
    </div>
  );
}
