import assert from 'node:assert/strict';
import { settingsBody as serverSchema } from '../../server/microsoft/settings.js';
import { microsoft as enMicrosoft } from '../src/i18n/en/microsoft.js';
import { formFrom, redirectUri, settingsBody, settingsProblems, signInOutcome, type SettingsForm, type StoredSettings } from '../src/microsoft/form.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '00000000-1111-2222-3333-444444444444';
const stored: StoredSettings = { configured: true, tenantId: TENANT, clientId: CLIENT, credentialKind: 'secret', hasSecret: true, certificateThumbprint: null, hasPrivateKey: false, updatedAt: '2026-11-28T00:00:00.000Z' };
const form = (patch: Partial<SettingsForm> = {}): SettingsForm => ({ ...formFrom(null), tenantId: TENANT, clientId: CLIENT, clientSecret: 's3cret', ...patch });

describe('Microsoft 365 settings form', () => {
  it('checks the ids as the server does, so what the form lets through the server accepts', () => {
    const cases: Partial<SettingsForm>[] = [
      {}, { tenantId: 'contoso.onmicrosoft.com' }, { tenantId: 'contoso' }, { tenantId: 'not a tenant' }, { tenantId: '' },
      { clientId: CLIENT.toUpperCase() }, { clientId: '1234' }, { clientId: ` ${CLIENT} ` },
      { credentialKind: 'certificate', certificateThumbprint: 'ab'.repeat(32), privateKey: '-----BEGIN PRIVATE KEY-----\nMII…' },
      { credentialKind: 'certificate', certificateThumbprint: 'ab'.repeat(20), privateKey: '-----BEGIN RSA PRIVATE KEY-----\n' },
      { credentialKind: 'certificate', certificateThumbprint: 'xyz', privateKey: '-----BEGIN PRIVATE KEY-----' },
      { credentialKind: 'certificate', certificateThumbprint: 'ab'.repeat(32), privateKey: 'just text' },
    ];
    for (const c of cases) {
      const f = form(c);
      const clientOk = Object.keys(settingsProblems(f, null)).length === 0;
      const serverOk = serverSchema.safeParse(settingsBody(f)).success;
      assert.equal(clientOk, serverOk, `${JSON.stringify(c)}: the form says ${clientOk}, the server ${serverOk}`);
    }
  });

  it('keeps the stored secret when the field is left empty, and asks for one when none is stored', () => {
    assert.deepEqual(settingsProblems(form({ clientSecret: '' }), stored), {});
    assert.equal(settingsBody(form({ clientSecret: '' })).clientSecret, undefined, 'not sent: the server keeps its copy');
    assert.deepEqual(settingsProblems(form({ clientSecret: '' }), null), { clientSecret: 'secretRequired' });
    assert.deepEqual(settingsProblems(form({ credentialKind: 'certificate', certificateThumbprint: '' }), stored), { certificateThumbprint: 'thumbprintRequired', privateKey: 'keyRequired' });
  });

  it('starts from the stored settings without any secret in the form', () => {
    const f = formFrom(stored);
    assert.equal(f.tenantId, TENANT);
    assert.equal(f.clientSecret, '');
    assert.equal(f.privateKey, '');
  });

  it('shows the redirect URI to register and reads the sign-in outcome', () => {
    assert.equal(redirectUri('https://crm.example.com/'), 'https://crm.example.com/api/v1/microsoft/callback');
    assert.equal(signInOutcome('?microsoft=connected'), 'connected');
    assert.equal(signInOutcome('?microsoft=declined'), 'declined');
    assert.equal(signInOutcome('?microsoft=<script>'), null);
  });

  it('has a message for every problem the settings form reports', () => {
    for (const p of ['tenant', 'clientId', 'secretRequired', 'thumbprint', 'thumbprintRequired', 'keyRequired', 'keyFormat']) assert.ok(`microsoft.problem.${p}` in enMicrosoft, p);
  });
});
