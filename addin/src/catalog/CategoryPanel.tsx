import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, ArrowMove20Regular, Delete20Regular, FolderAdd20Regular, MoreHorizontal20Regular, Rename20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api } from '../api/client.js';
import { useCan } from '../auth/can.js';
import { ConfirmDialog } from '../admin/ConfirmDialog.js';
import { t } from '../i18n/strings.js';
import { navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { CategoryDialog, type CategoryAction } from './CategoryDialog.js';
import { CategoryTree } from './CategoryTree.js';
import { findCategory, type CategoryNode } from './tree.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '8px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '4px', flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', gap: '4px' },
  empty: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, padding: '4px 8px' },
});

/** The category tree with the actions the user's role allows on the selected category. */
export function CategoryPanel({ tree, loading, error, selected, total, onChanged }: {
  tree: CategoryNode[] | undefined;
  loading: boolean;
  error: Error | null;
  selected: number | null;
  total: number | null;
  onChanged: () => void;
}) {
  const styles = useStyles();
  const can = useCan();
  const notify = useNotify();
  const [action, setAction] = useState<CategoryAction | null>(null);
  const [deleting, setDeleting] = useState<CategoryNode | null>(null);
  const node = tree && selected !== null ? findCategory(tree, selected) : null;

  return (
    <section className={styles.root} aria-label={t('catalog.categories')}>
      <div className={styles.head}>
        <h2 className={styles.title}>{t('catalog.categories')}</h2>
        <div className={styles.actions}>
          {can('catalog', 'create') && (
            <Button size="small" icon={<Add20Regular />} onClick={() => setAction({ kind: 'add', parentId: null })}>
              {t('catalog.category.add')}
            </Button>
          )}
          {node && (can('catalog', 'create') || can('catalog', 'edit') || can('catalog', 'delete')) && (
            <Menu>
              <MenuTrigger disableButtonEnhancement>
                <Button size="small" icon={<MoreHorizontal20Regular />} aria-label={t('catalog.category.actions', { name: node.name })} />
              </MenuTrigger>
              <MenuPopover>
                <MenuList>
                  {can('catalog', 'create') && (
                    <MenuItem icon={<FolderAdd20Regular />} onClick={() => setAction({ kind: 'add', parentId: node.id })}>{t('catalog.category.addInside', { name: node.name })}</MenuItem>
                  )}
                  {can('catalog', 'edit') && <MenuItem icon={<Rename20Regular />} onClick={() => setAction({ kind: 'rename', node })}>{t('catalog.category.rename')}</MenuItem>}
                  {can('catalog', 'edit') && <MenuItem icon={<ArrowMove20Regular />} onClick={() => setAction({ kind: 'move', node })}>{t('catalog.category.move')}</MenuItem>}
                  {can('catalog', 'delete') && <MenuItem icon={<Delete20Regular />} onClick={() => setDeleting(node)}>{t('form.delete')}</MenuItem>}
                </MenuList>
              </MenuPopover>
            </Menu>
          )}
        </div>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t('error.generic', { message: error.message })} <Button size="small" onClick={onChanged}>{t('app.retry')}</Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {!tree && loading && <Spinner size="small" label={t('app.loading')} />}
      {tree && <CategoryTree nodes={tree} selected={selected} total={total} />}
      {tree && tree.length === 0 && <span className={styles.empty}>{t('catalog.category.none')}</span>}
      <CategoryDialog
        action={action}
        tree={tree ?? []}
        onClose={() => setAction(null)}
        onDone={(id) => {
          const added = action?.kind === 'add';
          setAction(null);
          onChanged();
          notify(added ? t('catalog.category.added') : t('form.saved'));
          if (added) navigate('/catalog', { category: id });
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t('catalog.category.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('form.delete')}
        danger
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          const target = deleting!;
          await api.delete(`/product-categories/${target.id}`);
          notify(t('catalog.category.deleted'));
          onChanged();
          navigate('/catalog', target.parentId !== null ? { category: target.parentId } : undefined);
        }}
      >
        {t('catalog.category.deleteConfirm')}
      </ConfirmDialog>
    </section>
  );
}
