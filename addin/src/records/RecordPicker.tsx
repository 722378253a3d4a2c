import { Combobox, Option, Spinner } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { ENTITY_PATHS, SEARCHABLE } from './meta.js';

interface Choice {
  id: number;
  label: string;
}

/** A record's display name from whatever the list API sends for it. */
export function recordLabel(r: Record<string, unknown>): string {
  const parts = [r.name, r.number, r.title, [r.firstName, r.lastName].filter(Boolean).join(' '), r.login];
  const first = parts.find((p) => typeof p === 'string' && p.trim() !== '');
  return (first as string | undefined) ?? `#${String(r.id)}`;
}

/**
 * Pick a record of another entity (a client, a manager, a category…).
 * Large entities are searched on the server as the user types; small ones
 * (users, categories, price types) are loaded once and filtered here.
 */
export function RecordPicker(props: {
  entity: string;
  value: number | null;
  /** The current value's name, when the caller already knows it. */
  valueLabel?: string | null;
  onChange: (id: number | null, label: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
  query?: Record<string, unknown>;
  id?: string;
  'aria-label'?: string;
}) {
  const { entity, value, onChange } = props;
  const path = '/' + (ENTITY_PATHS[entity] ?? entity);
  const searchable = SEARCHABLE.has(entity);
  const [text, setText] = useState(props.valueLabel ?? '');
  const [options, setOptions] = useState<Choice[]>([]);
  const [busy, setBusy] = useState(false);
  const all = useRef<Choice[] | null>(null);
  const extra = JSON.stringify(props.query ?? {});

  // Shows the current value's name when only its id is known.
  useEffect(() => {
    if (value === null) {
      setText('');
      return;
    }
    if (props.valueLabel) {
      setText(props.valueLabel);
      return;
    }
    let live = true;
    api.get<Record<string, unknown>>(`${path}/${value}`).then((r) => live && setText(recordLabel(r)), () => undefined);
    return () => {
      live = false;
    };
  }, [value, props.valueLabel, path]);

  async function load(q: string) {
    setBusy(true);
    try {
      if (searchable) {
        const r = await api.get<{ items: Record<string, unknown>[] }>(path, { ...(JSON.parse(extra) as object), ...(q.trim() ? { q: q.trim() } : {}), limit: 20 });
        setOptions(r.items.map((i) => ({ id: Number(i.id), label: recordLabel(i) })));
      } else {
        all.current ??= (await api.get<{ items: Record<string, unknown>[] }>(path, { ...(JSON.parse(extra) as object), limit: 500 })).items.map((i) => ({ id: Number(i.id), label: recordLabel(i) }));
        const needle = q.trim().toLowerCase();
        setOptions(all.current.filter((o) => !needle || o.label.toLowerCase().includes(needle)).slice(0, 50));
      }
    } catch {
      setOptions([]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Combobox
      id={props.id}
      aria-label={props['aria-label']}
      disabled={props.disabled}
      placeholder={props.placeholder}
      value={text}
      selectedOptions={value === null ? [] : [String(value)]}
      freeform
      clearable
      expandIcon={busy ? <Spinner size="extra-tiny" /> : undefined}
      onOpenChange={(_, d) => {
        if (d.open) void load(searchable ? '' : '');
      }}
      onChange={(e) => {
        const q = (e.target as HTMLInputElement).value;
        setText(q);
        void load(q);
        if (q === '') onChange(null, null);
      }}
      onOptionSelect={(_, d) => {
        if (!d.optionValue) {
          onChange(null, null);
          setText('');
          return;
        }
        const choice = options.find((o) => String(o.id) === d.optionValue);
        setText(choice?.label ?? d.optionText ?? '');
        onChange(Number(d.optionValue), choice?.label ?? null);
      }}
    >
      {options.map((o) => (
        <Option key={o.id} value={String(o.id)} text={o.label}>
          {o.label}
        </Option>
      ))}
    </Combobox>
  );
}
