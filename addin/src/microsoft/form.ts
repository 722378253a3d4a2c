/**
 * The Microsoft 365 settings form as data: what is checked before sending
 * (the same rules as the server's schema, so the user sees them at once)
 * and the body sent. The secret and private key are write-only: left empty,
 * they are not sent and the stored ones stay.
 */
export type CredentialKind = 'secret' | 'certificate';

export interface SettingsForm {
  tenantId: string;
  clientId: string;
  credentialKind: CredentialKind;
  clientSecret: string;
  certificateThumbprint: string;
  privateKey: string;
}

export interface StoredSettings {
  configured: boolean;
  tenantId: string | null;
  clientId: string | null;
  credentialKind: CredentialKind | null;
  hasSecret: boolean;
  certificateThumbprint: string | null;
  hasPrivateKey: boolean;
  updatedAt: string | null;
}

export type Problem = 'tenant' | 'clientId' | 'secretRequired' | 'thumbprint' | 'thumbprintRequired' | 'keyRequired' | 'keyFormat';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)$/i;
const THUMBPRINT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const PEM_KEY = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/;

export function formFrom(stored: StoredSettings | null): SettingsForm {
  return {
    tenantId: stored?.tenantId ?? '', clientId: stored?.clientId ?? '', credentialKind: stored?.credentialKind ?? 'secret',
    clientSecret: '', certificateThumbprint: stored?.certificateThumbprint ?? '', privateKey: '',
  };
}

/** Problems per field (empty when the form can be sent). */
export function settingsProblems(form: SettingsForm, stored: StoredSettings | null): Partial<Record<keyof SettingsForm, Problem>> {
  const out: Partial<Record<keyof SettingsForm, Problem>> = {};
  if (!TENANT.test(form.tenantId.trim())) out.tenantId = 'tenant';
  if (!GUID.test(form.clientId.trim())) out.clientId = 'clientId';
  if (form.credentialKind === 'secret') {
    if (!form.clientSecret && !stored?.hasSecret) out.clientSecret = 'secretRequired';
  } else {
    const thumb = form.certificateThumbprint.trim();
    if (!thumb) out.certificateThumbprint = 'thumbprintRequired';
    else if (!THUMBPRINT.test(thumb)) out.certificateThumbprint = 'thumbprint';
    if (!form.privateKey && !stored?.hasPrivateKey) out.privateKey = 'keyRequired';
    else if (form.privateKey && !PEM_KEY.test(form.privateKey)) out.privateKey = 'keyFormat';
  }
  return out;
}

export function settingsBody(form: SettingsForm): Record<string, string> {
  const body: Record<string, string> = { tenantId: form.tenantId.trim(), clientId: form.clientId.trim(), credentialKind: form.credentialKind };
  if (form.credentialKind === 'secret') {
    if (form.clientSecret) body.clientSecret = form.clientSecret;
  } else {
    body.certificateThumbprint = form.certificateThumbprint.trim();
    if (form.privateKey) body.privateKey = form.privateKey;
  }
  return body;
}

/** The redirect URI to register in Entra ID for this server. */
export function redirectUri(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/api/v1/microsoft/callback`;
}

/** What came back in the page URL after the Microsoft sign-in (?microsoft=connected|declined). */
export function signInOutcome(search: string): 'connected' | 'declined' | null {
  const v = new URLSearchParams(search).get('microsoft');
  return v === 'connected' || v === 'declined' ? v : null;
}
