import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { t } from '../i18n/strings.js';
import type { TemplateProblem } from './api.js';

const useStyles = makeStyles({
  list: { margin: '4px 0 0', paddingLeft: '18px', display: 'flex', flexDirection: 'column', gap: '4px' },
  tag: { fontFamily: tokens.fontFamilyMonospace, backgroundColor: tokens.colorNeutralBackground3, padding: '0 3px', borderRadius: tokens.borderRadiusSmall, overflowWrap: 'anywhere' },
  where: { color: tokens.colorNeutralForeground3 },
});

/**
 * Every problem the server found in a template (422 template_invalid or
 * invalid_file): the tag as written, where it is in the document and why,
 * so the author can fix them all in one pass.
 */
export function TemplateProblems({ message, problems }: { message: string; problems: TemplateProblem[] }) {
  const styles = useStyles();
  const tagged = problems.some((p) => p.tag || p.where);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        {/* invalid_file (not a .docx, a zip bomb…) has no tags: its message says what is wrong. */}
        <MessageBarTitle>{tagged ? t('documents.problems.title', { count: problems.length }) : t('documents.problems.refused')}</MessageBarTitle>
        {!tagged && <div>{message}</div>}
        {tagged && (
          <ol className={styles.list} aria-label={t('documents.problems.list')}>
            {problems.map((p, i) => (
              <li key={i}>
                {p.tag && <><code className={styles.tag}>{p.tag}</code>{' '}</>}
                {p.where && <span className={styles.where}>({p.where}){' '}</span>}
                {p.message}
              </li>
            ))}
          </ol>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
