import { Button, Spinner } from '@fluentui/react-components';
import { TextBulletListAdd20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useHost } from '../hosts/context.js';
import { t } from '../i18n/strings.js';
import { useFields, type RecordData } from '../records/meta.js';
import { useNotify } from '../shell/toast.js';
import { requisiteLines } from './requisites.js';

/** In Word only: puts the client's requisites into the document at the cursor. */
export function InsertRequisites({ client }: { client: RecordData }) {
  const host = useHost();
  const fields = useFields('client');
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (host.kind !== 'word') return null;

  async function insert() {
    if (host.kind !== 'word' || !fields) return;
    setBusy(true);
    try {
      await host.insertParagraphs(requisiteLines(client, fields));
      notify(t('clients.word.inserted'));
    } catch (err) {
      notify(t('clients.word.failed', { message: err instanceof Error ? err.message : String(err) }), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button icon={busy ? <Spinner size="tiny" /> : <TextBulletListAdd20Regular />} disabled={busy || !fields} onClick={() => void insert()}>
      {t('clients.word.insert')}
    </Button>
  );
}
