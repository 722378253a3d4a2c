import { Title2, Body1, makeStyles } from '@fluentui/react-components';
import { useUser } from '../auth/session.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '8px' } });

/** The start screen. The Today view (events and tasks) will take its place. */
export function Home() {
  const styles = useStyles();
  const user = useUser();
  return (
    <div className={styles.root}>
      <Title2 as="h1">Hello, {user.name}</Title2>
      <Body1>Find a client with the search box above (Ctrl+K), or open a list on the left.</Body1>
    </div>
  );
}
