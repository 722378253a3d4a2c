import {
  AuthError, ConfidentialClientApplication, CryptoProvider, InteractionRequiredAuthError, LogLevel, ServerError,
  type AuthenticationResult, type Configuration,
} from '@azure/msal-node';
import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import type { MicrosoftSettings } from '../microsoft/settings.js';

/** Delegated Graph permissions Kontora asks a user to grant (msal adds openid, profile and offline_access). */
export const GRAPH_SCOPES = ['User.Read', 'Contacts.ReadWrite', 'Mail.Send'];

/**
 * The identity platform's endpoints for the tenant, handed to msal so it
 * never goes looking for them: no instance discovery and no OpenID
 * configuration requests, only the token endpoint is ever called. In
 * production they are login.microsoftonline.com's; KONTORA_MS_LOGIN_URL
 * moves them (tests, sovereign clouds).
 */
export function authorityFor(ctx: AppContext, tenantId: string): { authority: string; authorityMetadata: string; cloudDiscoveryMetadata: string; knownAuthorities: string[] } {
  const login = new URL(ctx.config.msLoginUrl);
  const base = `${login.origin}${login.pathname.replace(/\/+$/, '')}`;
  const tenant = encodeURIComponent(tenantId);
  // msal only accepts an https authority; it names the tenant and keys the
  // cache. The requests themselves go to the endpoints in the metadata.
  const authority = `https://${login.host}/${tenant}`;
  const authorityMetadata = {
    token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
    authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
    issuer: `${base}/${tenant}/v2.0`,
    jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
  };
  const cloudDiscoveryMetadata = {
    tenant_discovery_endpoint: `${base}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: login.host, preferred_cache: login.host, aliases: [login.host] }],
  };
  return { authority, authorityMetadata: JSON.stringify(authorityMetadata), cloudDiscoveryMetadata: JSON.stringify(cloudDiscoveryMetadata), knownAuthorities: [login.host] };
}

/** A fresh msal client for the configured app registration, its cache empty or loaded from `cache`. */
export async function msalApp(ctx: AppContext, settings: MicrosoftSettings, cache?: string): Promise<ConfidentialClientApplication> {
  const config: Configuration = {
    auth: {
      clientId: settings.clientId,
      ...authorityFor(ctx, settings.tenantId),
      ...(settings.credential.kind === 'secret'
        ? { clientSecret: settings.credential.secret }
        : { clientCertificate: { thumbprintSha256: settings.credential.thumbprintSha256, privateKey: settings.credential.privateKey } }),
    },
    system: {
      loggerOptions: {
        // PII (user names, tokens) never reaches msal's logger; warnings go to ours.
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (_level, message) => ctx.log.debug('msal', { message: message.slice(0, 500) }),
      },
    },
  };
  const app = new ConfidentialClientApplication(config);
  if (cache) app.getTokenCache().deserialize(cache);
  return app;
}

export const pkce = () => new CryptoProvider().generatePkceCodes();

/**
 * msal's failures as Kontora errors: a refused sign-in (invalid_grant,
 * consent needed) means the user must connect again; a refused app (wrong
 * secret) is the administrator's to fix; no answer is an outage.
 */
export function fromMsalError(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof InteractionRequiredAuthError) {
    return new AppError('mailbox_reauth_required', `Microsoft no longer accepts this mailbox's sign-in (${err.errorCode}); connect it again.`, { cause: err });
  }
  // The identity platform answering "try later" is an outage, not a refusal.
  if (err instanceof ServerError && ((err.status ?? 0) >= 500 || /temporarily_unavailable|service_unavailable/.test(err.errorCode))) {
    return new AppError('graph_unavailable', `The Microsoft sign-in service is unavailable (${err.errorCode}); try again later.`, { cause: err });
  }
  if (err instanceof ServerError || (err instanceof AuthError && /invalid_client|unauthorized_client|invalid_grant|invalid_request|access_denied/.test(err.errorCode))) {
    const e = err as AuthError;
    const aadsts = /AADSTS\d+/.exec(e.errorMessage ?? '')?.[0];
    if (e.errorCode === 'invalid_grant') {
      return new AppError('mailbox_reauth_required', `Microsoft refused the sign-in (${aadsts ?? e.errorCode}); connect the mailbox again.`, { cause: err });
    }
    return new AppError('microsoft_auth_failed', `Microsoft refused to ${what} (${e.errorCode}${aadsts ? `, ${aadsts}` : ''}).`, {
      cause: err, details: [{ code: e.errorCode, message: (e.errorMessage ?? '').split(' Trace ID:')[0]!.slice(0, 300) }],
    });
  }
  return new AppError('graph_unavailable', `The Microsoft sign-in service could not be reached to ${what}; try again later.`, { cause: err });
}

export type { AuthenticationResult };
