import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner, makeStyles } from '@fluentui/react-components';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { flatten, subtreeIds, type CategoryNode } from './tree.js';

export type CategoryAction =
  | { kind: 'add'; parentId: number | null }
  | { kind: 'rename'; node: CategoryNode }
  | { kind: 'move'; node: CategoryNode };

const TOP = 'top';
const MAX_NAME = 200;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '12px' },
});

/** Adds a category, renames one, or moves it under another parent. */
export function CategoryDialog({ action, tree, onClose, onDone }: {
  action: CategoryAction | null;
  tree: CategoryNode[];
  onClose: () => void;
  onDone: (id: number) => void;
}) {
  const styles = useStyles();
  const [name, setName] = useState('');
  const [parent, setParent] = useState<string>(TOP);
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; parentId?: string; general?: string }>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!action) return;
    setTouched(false);
    setErrors({});
    setName(action.kind === 'add' ? '' : action.node.name);
    const parentId = action.kind === 'add' ? action.parentId : action.node.parentId;
    setParent(parentId === null ? TOP : String(parentId));
  }, [action]);

  // A category cannot go inside itself or its own subcategories.
  const options = useMemo(() => {
    const excluded = action && action.kind !== 'add' ? subtreeIds(action.node) : new Set<number>();
    return flatten(tree).filter((f) => !excluded.has(f.node.id));
  }, [tree, action]);

  if (!action) return null;
  const showName = action.kind !== 'move';
  const showParent = action.kind !== 'rename';
  const nameProblem = !name.trim() ? t('form.required') : [...name.trim()].length > MAX_NAME ? t('form.tooLong', { max: MAX_NAME }) : null;
  const nameMessage = errors.name ?? (touched && showName ? nameProblem : null);
  const parentLabel = (value: string) => (value === TOP ? t('catalog.category.top') : (options.find((o) => String(o.node.id) === value)?.node.name ?? ''));
  const title =
    action.kind === 'add' ? t('catalog.category.addTitle') : action.kind === 'rename' ? t('catalog.category.renameTitle', { name: action.node.name }) : t('catalog.category.moveTitle', { name: action.node.name });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (showName && nameProblem) return;
    setBusy(true);
    setErrors({});
    const parentId = parent === TOP ? null : Number(parent);
    try {
      let saved: { id: number };
      if (action!.kind === 'add') {
        saved = await api.post<{ id: number }>('/product-categories', { name: name.trim(), ...(parentId !== null ? { parentId } : {}) });
      } else {
        const node = action!.node;
        // The tree carries no versions; the change touches only the name or
        // the parent the user is looking at, so the current version is used.
        const current = await api.get<{ version: number }>(`/product-categories/${node.id}`);
        saved = await api.patch<{ id: number }>(`/product-categories/${node.id}`, action!.kind === 'rename' ? { name: name.trim(), version: current.version } : { parentId, version: current.version });
      }
      onDone(saved.id);
    } catch (err) {
      if (err instanceof ApiError) {
        const fields = err.fieldErrors();
        setErrors({ name: fields.name, parentId: fields.parentId, general: fields.name || fields.parentId ? undefined : err.message });
      } else {
        setErrors({ general: String(err) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.form}>
              {errors.general && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{errors.general}</MessageBarBody>
                </MessageBar>
              )}
              {showName && (
                <Field label={t('catalog.category.name')} required validationState={nameMessage ? 'error' : 'none'} validationMessage={nameMessage ?? undefined}>
                  <Input
                    autoFocus
                    value={name}
                    onChange={(_, d) => {
                      setName(d.value);
                      setTouched(true);
                      setErrors((x) => ({ ...x, name: undefined }));
                    }}
                  />
                </Field>
              )}
              {showParent && (
                <Field label={t('catalog.category.parent')} validationState={errors.parentId ? 'error' : 'none'} validationMessage={errors.parentId}>
                  <Dropdown
                    value={parentLabel(parent)}
                    selectedOptions={[parent]}
                    onOptionSelect={(_, d) => {
                      setParent(d.optionValue ?? TOP);
                      setErrors((x) => ({ ...x, parentId: undefined }));
                    }}
                  >
                    <Option value={TOP}>{t('catalog.category.top')}</Option>
                    {options.map(({ node, depth }) => (
                      <Option key={node.id} value={String(node.id)} text={node.name}>
                        <span style={{ paddingLeft: `${depth * 16}px` }}>{node.name}</span>
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {action.kind === 'add' ? t('form.add') : action.kind === 'move' ? t('catalog.category.moveHere') : t('form.save')}
              </Button>
              <Button onClick={onClose} disabled={busy}>{t('form.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
