import { Button, Dropdown, Input, Option, makeStyles } from '@fluentui/react-components';
import { Add16Regular, Dismiss16Regular } from '@fluentui/react-icons';
import { t } from '../i18n/strings.js';

const KINDS: Record<string, { types: string[]; value: 'number' | 'address' | 'handle'; input: 'tel' | 'email' | 'text' }> = {
  phones: { types: ['work', 'mobile', 'home', 'fax', 'other'], value: 'number', input: 'tel' },
  emails: { types: ['work', 'personal', 'other'], value: 'address', input: 'email' },
  messengers: { types: ['telegram', 'whatsapp', 'viber', 'signal', 'skype', 'teams', 'wechat', 'linkedin', 'facebook', 'instagram', 'x', 'vk', 'other'], value: 'handle', input: 'text' },
};

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: '4px' },
  row: { display: 'flex', gap: '4px', alignItems: 'center' },
  type: { minWidth: '110px', width: '110px' },
  value: { flex: '1 1 auto', minWidth: 0 },
});

type Item = Record<string, string>;

/** Typed phones, e-mails or messengers: a row per value, each with its type. */
export function ChannelList({ kind, value, onChange, label }: { kind: 'phones' | 'emails' | 'messengers'; value: Item[]; onChange: (v: Item[]) => void; label: string }) {
  const styles = useStyles();
  const spec = KINDS[kind]!;
  const items = value ?? [];
  const set = (i: number, patch: Item) => onChange(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  return (
    <div className={styles.list} role="group" aria-label={label}>
      {items.map((item, i) => (
        <div className={styles.row} key={i}>
          <Dropdown className={styles.type} aria-label={`${label} ${i + 1} type`} value={item.type ?? spec.types[0]} selectedOptions={[item.type ?? spec.types[0]!]} onOptionSelect={(_, d) => set(i, { type: d.optionValue ?? spec.types[0]! })}>
            {spec.types.map((ty) => (
              <Option key={ty} value={ty}>{ty}</Option>
            ))}
          </Dropdown>
          <Input className={styles.value} type={spec.input} aria-label={`${label} ${i + 1}`} value={item[spec.value] ?? ''} onChange={(_, d) => set(i, { [spec.value]: d.value })} />
          <Button appearance="subtle" icon={<Dismiss16Regular />} aria-label={`${t('form.remove')} ${label} ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))} />
        </div>
      ))}
      <div>
        <Button size="small" appearance="subtle" icon={<Add16Regular />} onClick={() => onChange([...items, { type: spec.types[0]!, [spec.value]: '' }])}>
          {t('form.add')} {label.toLowerCase()}
        </Button>
      </div>
    </div>
  );
}
