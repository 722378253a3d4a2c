import { Checkbox, Dropdown, Input, Option, Textarea } from '@fluentui/react-components';
import { ChannelList } from './ChannelList.js';
import { linkNameKey, type FieldMeta } from './meta.js';
import { RecordPicker } from './RecordPicker.js';

/**
 * The input for one field, chosen by its type. Values are kept as the API
 * sends them (decimal strings for money and numbers, ISO dates), so what
 * the user typed is never reformatted under their cursor.
 */
export function FieldInput({ field, value, record, onChange, id }: {
  field: FieldMeta;
  value: unknown;
  /** The whole record (for link names sent beside ids). */
  record?: Record<string, unknown>;
  onChange: (value: unknown, extra?: Record<string, unknown>) => void;
  id?: string;
}) {
  const text = value === null || value === undefined ? '' : String(value);
  const common = { id, 'aria-label': field.label, disabled: field.readOnly };
  switch (field.type) {
    case 'long_text':
      return <Textarea {...common} value={text} resize="vertical" onChange={(_, d) => onChange(d.value)} />;
    case 'number':
    case 'money':
      return <Input {...common} inputMode="decimal" value={text} onChange={(_, d) => onChange(d.value.replace(',', '.').replace(/\s/g, ''))} contentAfter={field.options.currency ? <span>{field.options.currency}</span> : undefined} />;
    case 'date':
      return <Input {...common} type="date" value={text.slice(0, 10)} onChange={(_, d) => onChange(d.value || null)} />;
    case 'datetime':
      return <Input {...common} type="datetime-local" value={text ? toLocalInput(text) : ''} onChange={(_, d) => onChange(d.value ? new Date(d.value).toISOString() : null)} />;
    case 'boolean':
      return <Checkbox {...common} checked={value === true} label={field.label} onChange={(_, d) => onChange(d.checked === true)} />;
    case 'email':
      return <Input {...common} type="email" value={text} onChange={(_, d) => onChange(d.value)} />;
    case 'phone':
      return <Input {...common} type="tel" value={text} onChange={(_, d) => onChange(d.value)} />;
    case 'url':
      return <Input {...common} type="url" placeholder="https://" value={text} onChange={(_, d) => onChange(d.value)} />;
    case 'one_of': {
      const choices = field.options.choices ?? [];
      const label = choices.find((c) => c.key === value)?.label ?? '';
      return (
        <Dropdown {...common} value={label} selectedOptions={value ? [String(value)] : []} clearable={!field.required} onOptionSelect={(_, d) => onChange(d.optionValue ?? null)}>
          {choices.map((c) => (
            <Option key={c.key} value={c.key}>{c.label}</Option>
          ))}
        </Dropdown>
      );
    }
    case 'many_of': {
      const choices = field.options.choices ?? [];
      const selected = Array.isArray(value) ? (value as string[]) : [];
      return (
        <Dropdown {...common} multiselect value={selected.map((k) => choices.find((c) => c.key === k)?.label ?? k).join(', ')} selectedOptions={selected} onOptionSelect={(_, d) => onChange(d.selectedOptions)}>
          {choices.map((c) => (
            <Option key={c.key} value={c.key}>{c.label}</Option>
          ))}
        </Dropdown>
      );
    }
    case 'tags': {
      const tags = Array.isArray(value) ? (value as string[]) : [];
      return <Input {...common} placeholder="tag, another tag" defaultValue={tags.join(', ')} onChange={(_, d) => onChange(d.value.split(',').map((s) => s.trim()).filter(Boolean))} />;
    }
    case 'link':
      return (
        <RecordPicker
          id={id}
          aria-label={field.label}
          disabled={field.readOnly}
          entity={field.options.entity ?? ''}
          value={value === null || value === undefined ? null : Number(value)}
          valueLabel={(record?.[linkNameKey(field.key)] as string | undefined) ?? null}
          onChange={(v, label) => onChange(v, { [linkNameKey(field.key)]: label })}
        />
      );
    case 'phones':
    case 'emails':
    case 'messengers':
      return <ChannelList kind={field.type} label={field.label} value={(value as Record<string, string>[]) ?? []} onChange={(v) => onChange(v)} />;
    default:
      return <Input {...common} value={text} onChange={(_, d) => onChange(d.value)} />;
  }
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
