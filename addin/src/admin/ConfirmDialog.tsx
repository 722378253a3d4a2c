import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import { t } from '../i18n/strings.js';

const useStyles = makeStyles({
  danger: { backgroundColor: tokens.colorPaletteRedBackground3, ':hover': { backgroundColor: tokens.colorPaletteRedForeground1 } },
  error: { marginTop: '12px' },
  check: { marginTop: '8px' },
});

/**
 * Asks before something that cannot be undone. The action runs inside the
 * dialog, so a refusal (a category still in use, the last admin…) is shown
 * right where the user asked, and the dialog stays open to read it.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** A box the user must tick first, for what loses data for good. */
  requireCheck?: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    if (props.open) {
      setError(null);
      setChecked(false);
    }
  }, [props.open]);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && !busy && props.onClose()} modalType="alert">
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>
            {props.children}
            {props.requireCheck && (
              <div className={styles.check}>
                <Checkbox checked={checked} onChange={(_, d) => setChecked(d.checked === true)} label={props.requireCheck} />
              </div>
            )}
            {error && (
              <MessageBar intent="error" role="alert" className={styles.error}>
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={() => void confirm()}
              disabled={busy || (props.requireCheck !== undefined && !checked)}
              icon={busy ? <Spinner size="tiny" /> : undefined}
              className={props.danger ? styles.danger : undefined}
            >
              {props.confirmLabel}
            </Button>
            <Button onClick={props.onClose} disabled={busy}>{t('form.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
