import crypto from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../access/rights.js';
import { assertCan } from '../access/rights.js';
import { nowIso, type AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { parseOrThrow } from '../fields/validation.js';
import { toIso } from '../fields/codec.js';
import { secretBox } from './secret-box.js';

/** The Microsoft Entra app registration Kontora signs in with (decrypted; server-side only). */
export interface MicrosoftSettings {
  tenantId: string;
  clientId: string;
  credential: { kind: 'secret'; secret: string } | { kind: 'certificate'; thumbprintSha256: string; privateKey: string };
}

/** What the API shows: never the secret or the private key, only whether one is stored. */
export interface PublicMicrosoftSettings {
  configured: boolean;
  tenantId: string | null;
  clientId: string | null;
  credentialKind: 'secret' | 'certificate' | null;
  hasSecret: boolean;
  certificateThumbprint: string | null;
  hasPrivateKey: boolean;
  updatedAt: string | null;
}

export const publicSettingsSchema = {
  type: 'object',
  properties: {
    configured: { type: 'boolean' },
    tenantId: { type: ['string', 'null'] },
    clientId: { type: ['string', 'null'] },
    credentialKind: { enum: ['secret', 'certificate', null] },
    hasSecret: { type: 'boolean' },
    certificateThumbprint: { type: ['string', 'null'] },
    hasPrivateKey: { type: 'boolean' },
    updatedAt: { type: ['string', 'null'] },
  },
  required: ['configured', 'tenantId', 'clientId', 'credentialKind', 'hasSecret', 'certificateThumbprint', 'hasPrivateKey', 'updatedAt'],
  additionalProperties: false,
} as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A tenant is its id (GUID) or one of its domain names (contoso.onmicrosoft.com).
const TENANT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)$/i;

export const settingsBody = z.strictObject({
  tenantId: z.string().trim().regex(TENANT, { error: 'Use the directory (tenant) id, a GUID, or a domain such as contoso.onmicrosoft.com.' }),
  clientId: z.string().trim().regex(GUID, { error: 'Use the application (client) id, a GUID.' }),
  credentialKind: z.enum(['secret', 'certificate']),
  /** Write-only; left out: keep the stored one. */
  clientSecret: z.string().min(1).max(1000).optional(),
  certificateThumbprint: z.string().trim().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i, { error: 'Use the certificate thumbprint in hex (SHA-256: 64 digits; SHA-1: 40).' }).optional(),
  /** PEM private key; write-only. */
  privateKey: z.string().max(20_000).regex(/-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/, { error: 'Paste the PEM private key (-----BEGIN PRIVATE KEY-----…).' }).optional(),
});

const SETTINGS_ID = 1;
const SECRET_PURPOSE = 'microsoft_settings.client_secret';
const KEY_PURPOSE = 'microsoft_settings.certificate_key';

interface Row {
  tenant_id: string;
  client_id: string;
  credential_kind: string;
  client_secret_enc: string | null;
  certificate_thumbprint: string | null;
  certificate_key_enc: string | null;
  updated_at: unknown;
}

const row = (ctx: AppContext) => ctx.db('microsoft_settings').where({ id: SETTINGS_ID }).first() as Promise<Row | undefined>;

/** The settings, decrypted, or microsoft_not_configured. */
export async function requireSettings(ctx: AppContext): Promise<MicrosoftSettings> {
  const r = await row(ctx);
  if (!r) throw new AppError('microsoft_not_configured', 'An administrator has to enter the Microsoft 365 settings (tenant, client id and secret) first.');
  const box = secretBox(ctx.config);
  if (r.credential_kind === 'certificate' && r.certificate_thumbprint && r.certificate_key_enc) {
    return { tenantId: r.tenant_id, clientId: r.client_id, credential: { kind: 'certificate', thumbprintSha256: r.certificate_thumbprint, privateKey: box.open(r.certificate_key_enc, KEY_PURPOSE) } };
  }
  if (r.credential_kind === 'secret' && r.client_secret_enc) {
    return { tenantId: r.tenant_id, clientId: r.client_id, credential: { kind: 'secret', secret: box.open(r.client_secret_enc, SECRET_PURPOSE) } };
  }
  throw new AppError('microsoft_not_configured', 'The Microsoft 365 settings lack the client secret or certificate.');
}

export async function publicSettings(ctx: AppContext, actor: Actor): Promise<PublicMicrosoftSettings> {
  assertCan(actor, 'microsoft', 'read');
  const r = await row(ctx);
  return {
    configured: !!r && ((r.credential_kind === 'secret' && !!r.client_secret_enc) || (r.credential_kind === 'certificate' && !!r.certificate_key_enc)),
    tenantId: r?.tenant_id ?? null,
    clientId: r?.client_id ?? null,
    credentialKind: (r?.credential_kind as 'secret' | 'certificate' | undefined) ?? null,
    hasSecret: !!r?.client_secret_enc,
    certificateThumbprint: r?.certificate_thumbprint ?? null,
    hasPrivateKey: !!r?.certificate_key_enc,
    updatedAt: r ? toIso(r.updated_at) : null,
  };
}

export async function saveSettings(ctx: AppContext, actor: Actor, body: unknown): Promise<PublicMicrosoftSettings> {
  assertCan(actor, 'microsoft', 'edit');
  const input = parseOrThrow(settingsBody, body);
  const box = secretBox(ctx.config);
  const current = await row(ctx);
  const secretEnc = input.clientSecret !== undefined ? box.seal(input.clientSecret, SECRET_PURPOSE) : current?.client_secret_enc ?? null;
  const keyEnc = input.privateKey !== undefined ? box.seal(input.privateKey, KEY_PURPOSE) : current?.certificate_key_enc ?? null;
  const thumbprint = input.certificateThumbprint?.toLowerCase() ?? current?.certificate_thumbprint ?? null;
  if (input.credentialKind === 'secret' && !secretEnc) {
    throw new AppError('validation_failed', 'Enter the client secret.', { details: [{ field: 'clientSecret', code: 'required', message: 'Enter the client secret (it is stored encrypted and never shown again).' }] });
  }
  if (input.credentialKind === 'certificate') {
    const details = [];
    if (!thumbprint) details.push({ field: 'certificateThumbprint', code: 'required', message: 'Enter the certificate thumbprint.' });
    if (!keyEnc) details.push({ field: 'privateKey', code: 'required', message: 'Paste the certificate\'s private key.' });
    if (input.privateKey !== undefined) {
      try {
        crypto.createPrivateKey(input.privateKey);
      } catch {
        details.push({ field: 'privateKey', code: 'invalid', message: 'This is not a readable PEM private key.' });
      }
    }
    if (details.length) throw new AppError('validation_failed', 'The certificate is incomplete.', { details });
  }
  const values = {
    tenant_id: input.tenantId, client_id: input.clientId, credential_kind: input.credentialKind,
    client_secret_enc: secretEnc, certificate_thumbprint: thumbprint, certificate_key_enc: keyEnc,
    updated_at: nowIso(ctx), updated_by: actor.id,
  };
  await ctx.db('microsoft_settings').insert({ id: SETTINGS_ID, ...values }).onConflict('id').merge();
  ctx.log.info('microsoft settings saved', { by: actor.login, tenantId: input.tenantId, clientId: input.clientId, credentialKind: input.credentialKind });
  return publicSettings(ctx, actor);
}
