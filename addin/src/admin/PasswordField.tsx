import { Button, Field, Input, makeStyles } from '@fluentui/react-components';
import { Eye20Regular, EyeOff20Regular, Key20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { t } from '../i18n/strings.js';
import { PASSWORD_MAX, PASSWORD_MIN, generatePassword, passwordProblem } from './password.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '4px', flexWrap: 'wrap', alignItems: 'flex-start' },
  input: { flex: '1 1 180px', minWidth: 0 },
});

/**
 * A new password with a generator. A generated password is shown in clear
 * so the administrator can pass it on; a typed one can be revealed.
 */
export function PasswordField({ value, onChange, showErrors, serverError, id }: {
  value: string;
  onChange: (value: string) => void;
  showErrors: boolean;
  serverError?: string;
  id?: string;
}) {
  const styles = useStyles();
  const [visible, setVisible] = useState(false);
  const problem = passwordProblem(value);
  const message = serverError ?? (showErrors && problem ? t(problem === 'short' ? 'admin.password.short' : 'admin.password.long', { min: PASSWORD_MIN, max: PASSWORD_MAX }) : undefined);
  return (
    <Field label={t('admin.password')} required validationState={message ? 'error' : 'none'} validationMessage={message} hint={t('admin.password.hint', { min: PASSWORD_MIN })}>
      <div className={styles.row}>
        <Input
          id={id}
          className={styles.input}
          type={visible ? 'text' : 'password'}
          autoComplete="new-password"
          value={value}
          aria-label={t('admin.password')}
          onChange={(_, d) => onChange(d.value)}
          contentAfter={
            <Button
              appearance="transparent"
              size="small"
              icon={visible ? <EyeOff20Regular /> : <Eye20Regular />}
              aria-label={visible ? t('admin.password.hide') : t('admin.password.show')}
              onClick={() => setVisible((v) => !v)}
            />
          }
        />
        <Button
          icon={<Key20Regular />}
          onClick={() => {
            onChange(generatePassword());
            setVisible(true);
          }}
        >
          {t('admin.password.generate')}
        </Button>
      </div>
    </Field>
  );
}
