import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Microsoft Entra ID (the v2.0 token and authorize
 * endpoints) and the parts of Microsoft Graph v1.0 Kontora uses: /me,
 * personal contacts and contact folders (paging, delta queries with
 * @removed rows and 410 on an expired token, open extensions, If-Match),
 * sendMail and JSON batching. Tokens are signed JWTs that name the user;
 * every Graph call checks its bearer token and the scope it needs.
 *
 * The shapes follow Microsoft's documentation (contact resource, delta
 * query overview, JSON batching, throttling guidance): error bodies are
 * `{ error: { code, message, innerError } }` for Graph and the OAuth2
 * `{ error, error_description, error_codes, … }` form for the token endpoint.
 */
export interface FakeGraph {
  /** Base, e.g. http://127.0.0.1:PORT ; Graph base = `${url}/v1.0`, login = url. */
  url: string;
  graphUrl: string;
  /** What KONTORA_MS_LOGIN_URL should be. */
  loginUrl: string;
  /** The registered application the fake accepts (client secret or a certificate registered with registerCertificate). */
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Trusts a certificate's key for client assertions (thumbprint: SHA-256 of the DER certificate, hex). */
  registerCertificate(thumbprintSha256: string, publicKeyPem: string): void;
  /** Contacts of a mailbox (every folder), as Graph returns them. */
  contacts(address: string): any[];
  /** Server-side edits as if made in Outlook (bump changeKey / lastModifiedDateTime). */
  addContact(address: string, contact: any, folderId?: string): any;
  updateContact(address: string, id: string, patch: any): any;
  deleteContact(address: string, id: string): void;
  addFolder(address: string, displayName: string): any;
  /** Bodies POSTed to /me/sendMail. */
  sentMail(address: string): any[];
  /** Next N matching Graph requests answer 429 (or the status given) with Retry-After: seconds (default 1). */
  throttle(count: number, retryAfterSeconds?: number, match?: RegExp, status?: 429 | 503): void;
  /** Next N matching Graph requests answer this status (500, 502, 503, 504…) without Retry-After. */
  failNext(count: number, status: number, match?: RegExp): void;
  /** Next N token requests fail: with this HTTP status (AADSTS temporarily_unavailable), or 0: the connection is dropped. */
  failTokenRequests(count: number, status?: number): void;
  /** Every current delta token becomes invalid: the next delta call answers 410 Gone (syncStateNotFound). */
  expireDeltaTokens(): void;
  /** Every access token issued so far stops working (401); refresh tokens still work. */
  expireAccessTokens(): void;
  /** The user revoked consent / changed password: their tokens and refresh tokens stop working (invalid_grant). */
  revoke(address: string): void;
  /** Who signs in at the authorize endpoint next (otherwise the login_hint, otherwise the first mailbox). */
  signInAs(address: string): void;
  /** A token the Outlook add-in would hold for this user (audience: our app), for on-behalf-of. */
  userAssertion(address: string, options?: { audience?: string; expiresInSeconds?: number }): string;
  /** Requests seen (method, path with query, user: the mailbox address or '' for app/token calls). */
  requests: { method: string; path: string; user: string; at: number }[];
  maxInFlight(address: string): number;
  close(): Promise<void>;
}

export interface FakeGraphOptions {
  pageSize?: number;
  latencyMs?: number;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Access token lifetime in seconds (default 3600). */
  tokenLifetimeSeconds?: number;
}

interface Mailbox {
  address: string;
  oid: string;
  displayName: string;
  /** Revocation generation: tokens carry it; revoke() bumps it. */
  gen: number;
  version: number;
  contacts: Map<string, StoredContact>;
  tombstones: { id: string; folderId: string; version: number }[];
  folders: Map<string, { id: string; displayName: string; parentFolderId: string }>;
  defaultFolderId: string;
  sent: any[];
  inFlight: number;
  maxInFlight: number;
}

interface StoredContact {
  data: Record<string, any>;
  extensions: Map<string, Record<string, any>>;
  version: number;
  seq: number;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const ALL_SCOPES = ['User.Read', 'Contacts.ReadWrite', 'Mail.Send'];

/** Writable properties of microsoft.graph.contact (v1.0). */
const CONTACT_PROPS = [
  'assistantName', 'birthday', 'businessAddress', 'businessHomePage', 'businessPhones', 'categories', 'children',
  'companyName', 'department', 'displayName', 'emailAddresses', 'fileAs', 'generation', 'givenName', 'homeAddress',
  'homePhones', 'imAddresses', 'initials', 'jobTitle', 'manager', 'middleName', 'mobilePhone', 'nickName',
  'officeLocation', 'otherAddress', 'parentFolderId', 'personalNotes', 'profession', 'spouseName', 'surname', 'title',
  'yomiCompanyName', 'yomiGivenName', 'yomiSurname',
] as const;
const ARRAY_PROPS = new Set(['businessPhones', 'categories', 'children', 'emailAddresses', 'homePhones', 'imAddresses']);
const ADDRESS_PROPS = new Set(['businessAddress', 'homeAddress', 'otherAddress']);
const EMPTY_ADDRESS = {};

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');
const fromB64url = (v: string) => Buffer.from(v, 'base64url').toString('utf8');
const newId = (bytes = 24) => crypto.randomBytes(bytes).toString('base64url');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  const pageSize = options.pageSize ?? 10;
  const latencyMs = options.latencyMs ?? 0;
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const tenantId = options.tenantId ?? crypto.randomUUID();
  const clientId = options.clientId ?? crypto.randomUUID();
  const clientSecret = options.clientSecret ?? `fake~${newId(18)}`;
  const signingKey = crypto.randomBytes(32);
  const mailboxes = new Map<string, Mailbox>();
  const certificates = new Map<string, string>();
  const codes = new Map<string, { address: string; redirectUri: string; challenge?: string; method?: string; scopes: string[]; nonce?: string; expires: number; clientId: string }>();
  const refreshTokens = new Map<string, { address: string; gen: number; scopes: string[]; clientId: string }>();
  const requests: FakeGraph['requests'] = [];
  let accessGen = 0;
  let deltaEpoch = 0;
  let seq = 0;
  let nextSignIn: string | undefined;
  const faults: { left: number; status: number; retryAfter?: number; match?: RegExp }[] = [];
  let tokenFaults: { left: number; status: number } = { left: 0, status: 503 };
  let base = '';

  function mailbox(address: string): Mailbox {
    const key = address.toLowerCase();
    let m = mailboxes.get(key);
    if (!m) {
      const defaultFolderId = newId();
      m = {
        address: key, oid: crypto.randomUUID(), displayName: key.split('@')[0]!, gen: 0, version: 0,
        contacts: new Map(), tombstones: [], folders: new Map(), defaultFolderId, sent: [], inFlight: 0, maxInFlight: 0,
      };
      mailboxes.set(key, m);
    }
    return m;
  }
  const byOid = (oid: string) => [...mailboxes.values()].find((m) => m.oid === oid);

  // ---- tokens -----------------------------------------------------------------------------------------------
  function sign(payload: Record<string, unknown>): string {
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'fake' }));
    const body = b64url(JSON.stringify(payload));
    const sig = crypto.createHmac('sha256', signingKey).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${sig}`;
  }
  function verify(token: string): Record<string, any> | undefined {
    const [head, body, sig] = token.split('.');
    if (!head || !body || !sig) return undefined;
    const expected = crypto.createHmac('sha256', signingKey).update(`${head}.${body}`).digest('base64url');
    if (sig.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) return undefined;
    try {
      return JSON.parse(fromB64url(body)) as Record<string, any>;
    } catch {
      return undefined;
    }
  }
  const now = () => Math.floor(Date.now() / 1000);
  const issuer = () => `${base}/${tenantId}/v2.0`;

  function issueUserTokens(m: Mailbox, scopes: string[], forClient: string, nonce?: string, withClientInfo = true) {
    const granted = grantedScopes(scopes);
    const iat = now();
    const access = sign({
      aud: GRAPH_AUDIENCE, iss: `https://sts.windows.net/${tenantId}/`, iat, nbf: iat, exp: iat + lifetime, appid: forClient,
      tid: tenantId, oid: m.oid, upn: m.address, name: m.displayName, scp: granted.join(' '), gen: m.gen, agen: accessGen, ver: '1.0',
      jti: newId(8),
    });
    const idToken = sign({
      aud: forClient, iss: issuer(), iat, nbf: iat, exp: iat + lifetime, tid: tenantId, oid: m.oid, sub: m.oid,
      preferred_username: m.address, name: m.displayName, ver: '2.0', ...(nonce ? { nonce } : {}),
    });
    const refresh = `rt.${newId(32)}`;
    refreshTokens.set(refresh, { address: m.address, gen: m.gen, scopes, clientId: forClient });
    return {
      token_type: 'Bearer',
      // Graph scopes come back without the resource prefix, plus the OIDC ones asked for.
      scope: [...granted, ...scopes.filter((s) => OIDC_SCOPES.has(s) && s !== 'offline_access')].join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: access,
      ...(scopes.includes('offline_access') ? { refresh_token: refresh } : {}),
      ...(scopes.includes('openid') ? { id_token: idToken } : {}),
      ...(withClientInfo ? { client_info: b64url(JSON.stringify({ uid: m.oid, utid: tenantId })) } : {}),
    };
  }

  function grantedScopes(scopes: string[]): string[] {
    const graph = scopes.filter((s) => !OIDC_SCOPES.has(s)).map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//i, ''));
    if (graph.includes('.default')) return [...ALL_SCOPES];
    return graph.length ? graph : ['User.Read'];
  }

  function oauthError(status: number, error: string, description: string, code: number): Reply {
    const trace = crypto.randomUUID();
    return {
      status,
      body: {
        error, error_description: `AADSTS${code}: ${description} Trace ID: ${trace} Correlation ID: ${crypto.randomUUID()} Timestamp: ${new Date().toISOString()}`,
        error_codes: [code], timestamp: new Date().toISOString(), trace_id: trace, correlation_id: crypto.randomUUID(),
        error_uri: `${base}/error?code=${code}`,
      },
    };
  }

  /** The client authentication of a confidential client: a secret, or a JWT signed with a registered certificate. */
  function clientAuthError(form: URLSearchParams): Reply | undefined {
    const id = form.get('client_id');
    if (id !== clientId) return oauthError(400, 'unauthorized_client', `Application with identifier '${id}' was not found in the directory '${tenantId}'.`, 700016);
    const secret = form.get('client_secret');
    if (secret !== null) {
      return secret === clientSecret ? undefined : oauthError(401, 'invalid_client', 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.', 7000215);
    }
    const assertion = form.get('client_assertion');
    if (assertion && form.get('client_assertion_type') === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      return verifyClientAssertion(assertion) ? undefined : oauthError(401, 'invalid_client', 'Client assertion contains an invalid signature.', 7000274);
    }
    return oauthError(401, 'invalid_client', "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", 7000218);
  }

  function verifyClientAssertion(jwt: string): boolean {
    const [head, body, sig] = jwt.split('.');
    if (!head || !body || !sig) return false;
    let header: Record<string, any>;
    let claims: Record<string, any>;
    try {
      header = JSON.parse(fromB64url(head));
      claims = JSON.parse(fromB64url(body));
    } catch {
      return false;
    }
    const thumb = header['x5t#S256'] ? Buffer.from(header['x5t#S256'], 'base64url').toString('hex') : header.x5t ? Buffer.from(header.x5t, 'base64url').toString('hex') : '';
    const key = certificates.get(thumb.toLowerCase());
    if (!key || claims.iss !== clientId || claims.sub !== clientId || (claims.exp ?? 0) < now()) return false;
    const data = Buffer.from(`${head}.${body}`);
    const signature = Buffer.from(sig, 'base64url');
    if (header.alg === 'PS256') {
      return crypto.verify('sha256', data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
    }
    return header.alg === 'RS256' && crypto.verify('sha256', data, key, signature);
  }

  function tokenEndpoint(tenant: string, form: URLSearchParams): { reply: Reply; user: string } {
    if (tenant !== tenantId && tenant !== 'organizations' && tenant !== 'common') {
      return { reply: oauthError(400, 'invalid_request', `Tenant '${tenant}' not found.`, 90002), user: '' };
    }
    const authError = clientAuthError(form);
    if (authError) return { reply: authError, user: '' };
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const grant = form.get('grant_type');
    if (grant === 'client_credentials') {
      const iat = now();
      const access = sign({ aud: GRAPH_AUDIENCE, iss: `https://sts.windows.net/${tenantId}/`, iat, nbf: iat, exp: iat + lifetime, appid: clientId, tid: tenantId, roles: ALL_SCOPES, agen: accessGen, ver: '1.0' });
      return { reply: { status: 200, body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: access } }, user: '' };
    }
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      const entry = codes.get(code);
      codes.delete(code); // single use, even when the exchange fails
      if (!entry || entry.expires < Date.now() || entry.clientId !== form.get('client_id')) {
        return { reply: oauthError(400, 'invalid_grant', 'The provided authorization code or refresh token has expired due to inactivity.', 70008), user: '' };
      }
      if (entry.redirectUri !== form.get('redirect_uri')) {
        return { reply: oauthError(400, 'invalid_grant', "The reply URL specified in the request does not match the reply URLs configured for the application.", 50011), user: entry.address };
      }
      if (entry.challenge) {
        const verifier = form.get('code_verifier') ?? '';
        const computed = entry.method === 'S256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier;
        if (computed !== entry.challenge) return { reply: oauthError(400, 'invalid_grant', 'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.', 501481), user: entry.address };
      }
      const m = mailbox(entry.address);
      return { reply: { status: 200, body: issueUserTokens(m, scopes.length ? scopes : entry.scopes, entry.clientId, entry.nonce, form.get('client_info') === '1') }, user: m.address };
    }
    if (grant === 'refresh_token') {
      const entry = refreshTokens.get(form.get('refresh_token') ?? '');
      const m = entry ? mailbox(entry.address) : undefined;
      if (!entry || !m || entry.gen !== m.gen || entry.clientId !== form.get('client_id')) {
        return { reply: oauthError(400, 'invalid_grant', "The user or administrator has not consented to use the application, or the refresh token was revoked.", 50173), user: entry?.address ?? '' };
      }
      return { reply: { status: 200, body: issueUserTokens(m, scopes.length ? scopes : entry.scopes, entry.clientId, undefined, form.get('client_info') === '1') }, user: m.address };
    }
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      if (form.get('requested_token_use') !== 'on_behalf_of') return { reply: oauthError(400, 'invalid_request', "The request body must contain 'requested_token_use=on_behalf_of'.", 900144), user: '' };
      const claims = verify(form.get('assertion') ?? '');
      const m = claims?.oid ? byOid(String(claims.oid)) : undefined;
      if (!claims || !m) return { reply: oauthError(400, 'invalid_grant', 'Assertion failed signature validation.', 50013), user: '' };
      if (claims.aud !== clientId && claims.aud !== `api://${clientId}`) {
        return { reply: oauthError(400, 'invalid_grant', `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${claims.aud}'.`, 50013), user: m.address };
      }
      if ((claims.exp ?? 0) < now()) return { reply: oauthError(400, 'invalid_grant', 'Assertion is expired.', 500133), user: m.address };
      if (claims.gen !== m.gen) return { reply: oauthError(400, 'invalid_grant', 'The user or administrator has not consented to use the application.', 65001), user: m.address };
      return { reply: { status: 200, body: issueUserTokens(m, scopes, clientId, undefined, form.get('client_info') === '1') }, user: m.address };
    }
    return { reply: oauthError(400, 'unsupported_grant_type', `The provided value for the input parameter 'grant_type' is not valid.`, 70003), user: '' };
  }

  function authorizeEndpoint(tenant: string, q: URLSearchParams): Reply {
    const redirect = q.get('redirect_uri');
    if (tenant !== tenantId && tenant !== 'organizations' && tenant !== 'common') return oauthError(400, 'invalid_request', `Tenant '${tenant}' not found.`, 90002);
    if (q.get('client_id') !== clientId) return oauthError(400, 'unauthorized_client', `Application with identifier '${q.get('client_id')}' was not found.`, 700016);
    if (!redirect) return oauthError(400, 'invalid_request', "The request must contain 'redirect_uri'.", 900144);
    if (q.get('response_type') !== 'code') return oauthError(400, 'unsupported_response_type', 'The response type is not supported.', 70005);
    const who = nextSignIn ?? q.get('login_hint') ?? [...mailboxes.keys()][0];
    nextSignIn = undefined;
    const target = new URL(redirect);
    const state = q.get('state');
    if (!who) {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'AADSTS65004: User declined to consent to access the app.');
    } else {
      const m = mailbox(who);
      const code = `code.${newId(32)}`;
      codes.set(code, {
        address: m.address, redirectUri: redirect, challenge: q.get('code_challenge') ?? undefined, method: q.get('code_challenge_method') ?? undefined,
        scopes: (q.get('scope') ?? '').split(' ').filter(Boolean), nonce: q.get('nonce') ?? undefined, expires: Date.now() + 600_000, clientId,
      });
      target.searchParams.set('code', code);
      target.searchParams.set('client_info', b64url(JSON.stringify({ uid: m.oid, utid: tenantId })));
    }
    if (state !== null) target.searchParams.set('state', state);
    target.searchParams.set('session_state', crypto.randomUUID());
    return { status: 302, headers: { location: target.toString() } };
  }

  // ---- Graph ------------------------------------------------------------------------------------------------
  function graphErrorReply(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
    return {
      status, headers,
      body: { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': crypto.randomUUID(), 'client-request-id': crypto.randomUUID() } } },
    };
  }
  const graphError = graphErrorReply;
  const notFoundItem = () => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

  function presentContact(c: StoredContact, select?: string[], expand?: { filter?: string }): Record<string, any> {
    const etag = `W/"${c.data.changeKey}"`;
    let out: Record<string, any> = { '@odata.etag': etag, ...structuredClone(c.data) };
    if (select) {
      out = { '@odata.etag': etag, id: c.data.id };
      for (const k of select) if (k in c.data) out[k] = structuredClone(c.data[k]);
    }
    if (expand) {
      const list = [...c.extensions.entries()].filter(([name]) => !expand.filter || extensionMatches(name, expand.filter)).map(([name, data]) => presentExtension(name, data));
      out.extensions = list;
      out['extensions@odata.context'] = `${base}/v1.0/$metadata#users('${c.data.id}')/contacts('${c.data.id}')/extensions`;
    }
    return out;
  }
  const extensionId = (name: string) => `Microsoft.OutlookServices.OpenTypeExtension.${name}`;
  const extensionMatches = (name: string, idOrName: string) => idOrName === name || idOrName === extensionId(name);
  const presentExtension = (name: string, data: Record<string, any>) => ({ '@odata.type': '#microsoft.graph.openTypeExtension', id: extensionId(name), extensionName: name, ...structuredClone(data) });

  function validateContactBody(body: unknown, creating: boolean): { error: Reply } | { fields: Record<string, any> } {
    const graphError = (status: number, code: string, message: string) => ({ error: graphErrorReply(status, code, message) });
    if (!body || typeof body !== 'object' || Array.isArray(body)) return graphError(400, 'RequestBodyRead', 'Empty Payload. JSON content expected.');
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k.startsWith('@odata.')) continue;
      if (k === 'extensions' && creating && Array.isArray(v)) continue;
      if (!(CONTACT_PROPS as readonly string[]).includes(k)) {
        return graphError(400, 'RequestBodyRead', `The property '${k}' does not exist on type 'microsoft.graph.contact'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
      }
      if (ARRAY_PROPS.has(k) && v !== null && !Array.isArray(v)) return graphError(400, 'RequestBodyRead', `Cannot convert a primitive value to the expected type 'Collection'. Property '${k}'.`);
      if (ADDRESS_PROPS.has(k) && v !== null && (typeof v !== 'object' || Array.isArray(v))) return graphError(400, 'RequestBodyRead', `Property '${k}' must be a microsoft.graph.physicalAddress.`);
      if (k === 'emailAddresses' && Array.isArray(v)) {
        // Exchange keeps three e-mail slots (Email1–Email3) per contact.
        if (v.length > 3) return graphError(400, 'ErrorInvalidArgument', 'The contact can hold at most 3 email addresses.');
        if (v.some((e) => !e || typeof e !== 'object' || typeof (e as any).address !== 'string')) return graphError(400, 'RequestBodyRead', "Each emailAddress needs an 'address'.");
      }
      if (k === 'birthday' && v !== null && (typeof v !== 'string' || Number.isNaN(Date.parse(v)))) {
        return graphError(400, 'RequestBodyRead', `Cannot convert the literal '${String(v)}' to the expected type 'Edm.DateTimeOffset'.`);
      }
      out[k] = k === 'birthday' && typeof v === 'string' ? new Date(v).toISOString().replace('.000Z', 'Z') : v;
    }
    return { fields: out };
  }

  function blankContact(): Record<string, any> {
    const c: Record<string, any> = {};
    for (const k of CONTACT_PROPS) c[k] = ARRAY_PROPS.has(k) ? [] : ADDRESS_PROPS.has(k) ? { ...EMPTY_ADDRESS } : null;
    return c;
  }

  function touch(m: Mailbox, c: StoredContact): void {
    m.version += 1;
    c.version = m.version;
    c.data.changeKey = newId(18);
    c.data.lastModifiedDateTime = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  }

  function createContact(m: Mailbox, fields: Record<string, any>, folderId: string): StoredContact {
    const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const data: Record<string, any> = { id: `AAMkA${newId(36)}`, createdDateTime: at, lastModifiedDateTime: at, changeKey: '', ...blankContact(), ...fields, parentFolderId: folderId };
    if (!data.displayName) data.displayName = [data.givenName, data.surname].filter(Boolean).join(' ') || data.companyName || (data.emailAddresses[0]?.address ?? '');
    const c: StoredContact = { data, extensions: new Map(), version: 0, seq: ++seq };
    m.contacts.set(data.id, c);
    touch(m, c);
    return c;
  }

  function updateStored(m: Mailbox, c: StoredContact, fields: Record<string, any>): void {
    delete fields.parentFolderId; // moving needs /move, PATCH leaves it
    Object.assign(c.data, fields);
    touch(m, c);
  }

  function removeStored(m: Mailbox, c: StoredContact): void {
    m.contacts.delete(c.data.id);
    m.version += 1;
    m.tombstones.push({ id: c.data.id, folderId: c.data.parentFolderId, version: m.version });
  }

  function parseQuery(q: URLSearchParams): { top?: number; skip: number; select?: string[]; expand?: { filter?: string }; filter?: string; bad?: Reply } {
    const out: ReturnType<typeof parseQuery> = { skip: 0 };
    for (const [k] of q) {
      if (k.startsWith('$') && !['$top', '$skip', '$select', '$expand', '$filter', '$orderby', '$count', '$skiptoken', '$deltatoken'].includes(k)) {
        out.bad = graphError(400, 'BadRequest', `Query option '${k}' is not allowed.`);
      }
    }
    const top = q.get('$top');
    if (top !== null) {
      const n = Number(top);
      if (!Number.isInteger(n) || n < 1 || n > 1000) out.bad = graphError(400, 'ErrorInvalidArgument', `Invalid $top value '${top}'.`);
      else out.top = n;
    }
    const skip = q.get('$skip');
    if (skip !== null) {
      const n = Number(skip);
      if (!Number.isInteger(n) || n < 0) out.bad = graphError(400, 'ErrorInvalidArgument', `Invalid $skip value '${skip}'.`);
      else out.skip = n;
    }
    const select = q.get('$select');
    if (select) out.select = select.split(',').map((s) => s.trim()).filter(Boolean);
    const expand = q.get('$expand');
    if (expand) {
      const mm = /^extensions(?:\(\$filter=id eq '([^']+)'\))?$/.exec(expand.trim());
      if (!mm) out.bad = graphError(400, 'BadRequest', `Could not find a property named '${expand.split('(')[0]}' on type 'microsoft.graph.contact'.`);
      else out.expand = { filter: mm[1] };
    }
    const filter = q.get('$filter');
    if (filter) out.filter = filter;
    return out;
  }

  /** The $filter forms Kontora may send; anything else is refused loudly rather than silently ignored. */
  function filterPredicate(filter: string): ((c: StoredContact) => boolean) | undefined {
    let mm = /^categories\/any\((\w+):\1 eq '((?:[^']|'')*)'\)$/.exec(filter.trim());
    if (mm) {
      const cat = mm[2]!.replace(/''/g, "'");
      return (c) => (c.data.categories as string[]).includes(cat);
    }
    mm = /^emailAddresses\/any\((\w+):\1\/address eq '((?:[^']|'')*)'\)$/.exec(filter.trim());
    if (mm) {
      const addr = mm[2]!.replace(/''/g, "'").toLowerCase();
      return (c) => (c.data.emailAddresses as { address: string }[]).some((e) => e.address.toLowerCase() === addr);
    }
    return undefined;
  }

  function listContacts(m: Mailbox, folderId: string, q: URLSearchParams, path: string): Reply {
    const opts = parseQuery(q);
    if (opts.bad) return opts.bad;
    let list = [...m.contacts.values()].filter((c) => c.data.parentFolderId === folderId).sort((a, b) => a.seq - b.seq);
    if (opts.filter) {
      const pred = filterPredicate(opts.filter);
      if (!pred) return graphError(501, 'NotImplemented', `The fake Graph does not evaluate $filter=${opts.filter}.`);
      list = list.filter(pred);
    }
    const top = opts.top ?? pageSize;
    const page = list.slice(opts.skip, opts.skip + top);
    const body: Record<string, unknown> = {
      '@odata.context': `${base}/v1.0/$metadata#users('${m.oid}')/contacts`,
      value: page.map((c) => presentContact(c, opts.select, opts.expand)),
    };
    if (opts.skip + top < list.length) {
      const next = new URLSearchParams(q);
      next.set('$top', String(top));
      next.set('$skip', String(opts.skip + top));
      body['@odata.nextLink'] = `${base}/v1.0${path}?${decodeURIComponent(next.toString())}`;
    }
    return { status: 200, body };
  }

  interface DeltaState { m: string; f: string; since: number; upTo: number; off: number; e: number; sel?: string[]; ps: number }

  function delta(m: Mailbox, folderId: string, q: URLSearchParams, path: string, prefer: string | undefined): Reply {
    for (const [k] of q) {
      if (k === '$expand' || k === '$top' || k === '$skip' || k === '$filter' || k === '$orderby') {
        return graphError(400, 'ErrorInvalidUrlQuery', `The query parameter '${k}' is not supported with change tracking over the 'Contacts' resource.`);
      }
    }
    const maxPage = /odata\.maxpagesize=(\d+)/.exec(prefer ?? '');
    let state: DeltaState;
    const skipToken = q.get('$skiptoken');
    const deltaToken = q.get('$deltatoken');
    const token = skipToken ?? deltaToken;
    if (token) {
      try {
        state = JSON.parse(fromB64url(token)) as DeltaState;
      } catch {
        return graphError(400, 'ErrorInvalidSyncStateData', 'The sync state data is corrupt or otherwise invalid.');
      }
      if (state.m !== m.address || state.f !== folderId) return graphError(400, 'ErrorInvalidSyncStateData', 'The sync state data is corrupt or otherwise invalid.');
      if (state.e !== deltaEpoch) return graphError(410, 'syncStateNotFound', 'The sync state generation is not found. Restart the synchronization without a token.');
      if (deltaToken) state = { ...state, since: state.upTo, upTo: m.version, off: 0 };
      if (maxPage) state.ps = Number(maxPage[1]);
    } else {
      const sel = q.get('$select')?.split(',').map((s) => s.trim()).filter(Boolean);
      state = { m: m.address, f: folderId, since: 0, upTo: m.version, off: 0, e: deltaEpoch, sel, ps: maxPage ? Number(maxPage[1]) : pageSize };
    }
    const changed = [...m.contacts.values()]
      .filter((c) => c.data.parentFolderId === folderId && c.version > state.since && c.version <= state.upTo)
      .map((c) => ({ v: c.version, row: presentContact(c, state.sel) }));
    const removed = state.since === 0 ? [] : m.tombstones
      .filter((t) => t.folderId === folderId && t.version > state.since && t.version <= state.upTo && !m.contacts.has(t.id))
      .map((t) => ({ v: t.version, row: { '@odata.type': '#microsoft.graph.contact', id: t.id, '@removed': { reason: 'deleted' } } as Record<string, any> }));
    const all = [...changed, ...removed].sort((a, b) => a.v - b.v).map((x) => x.row);
    const page = all.slice(state.off, state.off + state.ps);
    const body: Record<string, unknown> = { '@odata.context': `${base}/v1.0/$metadata#Collection(contact)`, value: page };
    const link = (key: string, s: DeltaState) => `${base}/v1.0${path}?$${key}=${b64url(JSON.stringify(s))}`;
    if (state.off + state.ps < all.length) body['@odata.nextLink'] = link('skiptoken', { ...state, off: state.off + state.ps });
    else body['@odata.deltaLink'] = link('deltatoken', { ...state, off: 0 });
    return { status: 200, body };
  }

  function sendMail(m: Mailbox, body: any): Reply {
    const msg = body?.message;
    if (!msg || typeof msg !== 'object') return graphError(400, 'ErrorInvalidParameter', "The value of the parameter 'Message' is empty.");
    const recipients = [...(msg.toRecipients ?? []), ...(msg.ccRecipients ?? []), ...(msg.bccRecipients ?? [])];
    if (!recipients.length) return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid., A message can\'t be sent because it contains no recipients.');
    for (const r of recipients) {
      const address = r?.emailAddress?.address;
      if (typeof address !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
        return graphError(400, 'ErrorInvalidRecipients', `At least one recipient is not valid., Recipient '${String(address)}' is not resolved. All recipients must be resolved before a message can be submitted.`);
      }
    }
    m.sent.push(structuredClone(body));
    return { status: 202 };
  }

  /** Routes one Graph call (after /v1.0) for an authenticated principal. */
  function graph(method: string, rawUrl: string, headers: Record<string, string | undefined>, body: unknown, claims: Record<string, any>): Reply {
    const url = new URL(rawUrl, 'http://x');
    let path = url.pathname.replace(/\/+$/, '');
    const q = url.searchParams;
    let m: Mailbox | undefined;
    const delegated = typeof claims.oid === 'string';
    const users = /^\/users\/([^/]+)(\/.*)?$/.exec(path);
    if (users) {
      const who = decodeURIComponent(users[1]!).toLowerCase();
      m = mailboxes.get(who) ?? byOid(who);
      if (!m) return graphError(404, 'ErrorInvalidUser', `The requested user '${who}' is invalid.`);
      if (delegated && m.oid !== claims.oid) return graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      path = '/me' + (users[2] ?? '');
    } else if (path === '/me' || path.startsWith('/me/')) {
      if (!delegated) return graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
      m = byOid(claims.oid);
    }
    if (!m) return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
    const scopes: string[] = delegated ? String(claims.scp ?? '').split(' ') : (claims.roles ?? []);
    const needs = (scope: string) => scopes.includes(scope) || (scope === 'Contacts.Read' && scopes.includes('Contacts.ReadWrite'));
    const denied = () => graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    const write = method !== 'GET';

    if (path === '/me') {
      if (method !== 'GET') return graphError(405, 'Request_BadRequest', 'Method not allowed.');
      return { status: 200, body: { '@odata.context': `${base}/v1.0/$metadata#users/$entity`, id: m.oid, displayName: m.displayName, mail: m.address, userPrincipalName: m.address, givenName: null, surname: null } };
    }
    if (path === '/me/sendMail') {
      if (method !== 'POST') return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
      if (!needs('Mail.Send')) return denied();
      return sendMail(m, body);
    }
    if (!path.startsWith('/me/contact')) return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[2] ?? ''}'.`);
    if (!needs(write ? 'Contacts.ReadWrite' : 'Contacts.Read')) return denied();

    if (path === '/me/contactFolders') {
      if (method === 'GET') return { status: 200, body: { '@odata.context': `${base}/v1.0/$metadata#users('${m.oid}')/contactFolders`, value: [...m.folders.values()] } };
      if (method === 'POST') {
        const name = (body as any)?.displayName;
        if (typeof name !== 'string' || !name.trim()) return graphError(400, 'ErrorInvalidArgument', 'The folder needs a displayName.');
        if ([...m.folders.values()].some((f) => f.displayName === name)) return graphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
        const f = { id: `AQMkA${newId(30)}`, displayName: name, parentFolderId: m.defaultFolderId };
        m.folders.set(f.id, f);
        return { status: 201, body: f };
      }
      return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
    }
    let folderId = m.defaultFolderId;
    let rest = path.slice('/me'.length);
    const inFolder = /^\/contactFolders\/([^/]+)(\/.*)?$/.exec(rest);
    if (inFolder) {
      const id = decodeURIComponent(inFolder[1]!);
      if (!m.folders.has(id)) return graphError(404, 'ErrorItemNotFound', 'The specified folder could not be found in the store.');
      if (!inFolder[2]) {
        if (method === 'GET') return { status: 200, body: m.folders.get(id) };
        if (method === 'DELETE') {
          for (const c of [...m.contacts.values()]) if (c.data.parentFolderId === id) removeStored(m, c);
          m.folders.delete(id);
          return { status: 204 };
        }
        return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
      }
      folderId = id;
      rest = inFolder[2];
    }
    if (rest === '/contacts/delta' || rest === '/contacts/microsoft.graph.delta' || rest === '/contacts/microsoft.graph.delta()') {
      if (method !== 'GET') return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
      return delta(m, folderId, q, path, headers.prefer);
    }
    if (rest === '/contacts') {
      if (method === 'GET') return listContacts(m, folderId, q, path);
      if (method === 'POST') {
        const v = validateContactBody(body, true);
        if ('error' in v) return v.error;
        const c = createContact(m, v.fields, folderId);
        const exts = (body as any).extensions;
        if (Array.isArray(exts)) for (const e of exts) if (e?.extensionName) c.extensions.set(e.extensionName, extensionData(e));
        return { status: 201, body: presentContact(c) };
      }
      return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
    }
    const item = /^\/contacts\/([^/]+)(?:\/extensions(?:\/([^/]+))?)?$/.exec(rest);
    if (!item) return graphError(400, 'BadRequest', `Resource not found for the segment '${rest.split('/').pop()}'.`);
    const c = m.contacts.get(decodeURIComponent(item[1]!));
    if (!c || (inFolder && c.data.parentFolderId !== folderId)) return notFoundItem();
    const isExt = rest.includes('/extensions');
    if (!isExt) {
      if (method === 'GET') {
        const opts = parseQuery(q);
        if (opts.bad) return opts.bad;
        return { status: 200, body: presentContact(c, opts.select, opts.expand) };
      }
      const ifMatch = headers['if-match'];
      if (ifMatch && ifMatch !== '*' && ifMatch !== `W/"${c.data.changeKey}"`) {
        return graphError(412, 'ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.');
      }
      if (method === 'PATCH') {
        const v = validateContactBody(body, false);
        if ('error' in v) return v.error;
        updateStored(m, c, v.fields);
        return { status: 200, body: presentContact(c) };
      }
      if (method === 'DELETE') {
        removeStored(m, c);
        return { status: 204 };
      }
      return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
    }
    const extName = item[2] ? decodeURIComponent(item[2]) : undefined;
    const findExt = (idOrName: string) => [...c.extensions.keys()].find((n) => extensionMatches(n, idOrName));
    if (!extName) {
      if (method === 'GET') return { status: 200, body: { value: [...c.extensions.entries()].map(([n, d]) => presentExtension(n, d)) } };
      if (method === 'POST') {
        const e = body as any;
        if (!e || !/^#?microsoft\.graph\.openTypeExtension$/.test(e['@odata.type'] ?? '') || typeof e.extensionName !== 'string' || !e.extensionName) {
          return graphError(400, 'RequestBodyRead', "An open extension needs '@odata.type': 'microsoft.graph.openTypeExtension' and an extensionName.");
        }
        if (c.extensions.has(e.extensionName)) return graphError(409, 'ErrorDuplicateExtension', 'An extension with this name already exists on the item.');
        c.extensions.set(e.extensionName, extensionData(e));
        touch(m, c); // an extension is part of the item: Exchange bumps its change key
        return { status: 201, body: presentExtension(e.extensionName, c.extensions.get(e.extensionName)!) };
      }
      return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
    }
    const name = findExt(extName);
    if (!name) return graphError(404, 'ErrorItemNotFound', 'The specified extension was not found.');
    if (method === 'GET') return { status: 200, body: presentExtension(name, c.extensions.get(name)!) };
    if (method === 'PATCH') {
      Object.assign(c.extensions.get(name)!, extensionData(body as any));
      touch(m, c);
      return { status: 200, body: presentExtension(name, c.extensions.get(name)!) };
    }
    if (method === 'DELETE') {
      c.extensions.delete(name);
      touch(m, c);
      return { status: 204 };
    }
    return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
  }

  function extensionData(e: Record<string, any>): Record<string, any> {
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(e ?? {})) if (!k.startsWith('@odata.') && k !== 'extensionName' && k !== 'id') out[k] = v;
    return out;
  }

  function takeFault(path: string): { status: number; retryAfter?: number } | undefined {
    const f = faults.find((x) => x.left > 0 && (!x.match || x.match.test(path)));
    if (!f) return undefined;
    f.left -= 1;
    if (f.left === 0) faults.splice(faults.indexOf(f), 1);
    return f;
  }
  function faultReply(f: { status: number; retryAfter?: number }): Reply {
    if (f.retryAfter !== undefined) {
      return graphError(f.status, f.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', f.status === 429 ? 'Application is over its MailboxConcurrency limit.' : 'The service is temporarily unavailable.', { 'retry-after': String(f.retryAfter) });
    }
    return graphError(f.status, f.status >= 500 ? 'generalException' : 'BadRequest', 'An error occurred on the server.');
  }

  function authenticate(authorization: string | undefined): { claims?: Record<string, any>; error?: Reply } {
    const www = { 'www-authenticate': `Bearer realm="", authorization_uri="${base}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"` };
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { error: graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', www) };
    const claims = verify(token);
    if (!claims || claims.aud !== GRAPH_AUDIENCE) return { error: graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', www) };
    if ((claims.exp ?? 0) < now() || claims.agen !== accessGen) return { error: graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.', www) };
    if (claims.oid) {
      const m = byOid(claims.oid);
      if (!m || m.gen !== claims.gen) return { error: graphError(401, 'InvalidAuthenticationToken', 'Access token has been revoked.', www) };
    }
    return { claims };
  }

  function batch(body: any, claims: Record<string, any>): Reply {
    const list = body?.requests;
    if (!Array.isArray(list)) return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    if (list.length > 20) return graphError(400, 'BadRequest', 'Number of requests in batch exceeds 20.');
    const ids = new Set<string>();
    const responses = list.map((r: any) => {
      if (!r || typeof r.id !== 'string' || typeof r.url !== 'string' || typeof r.method !== 'string') {
        return { id: String(r?.id ?? ''), status: 400, body: graphError(400, 'BadRequest', 'Each request needs id, method and url.').body };
      }
      if (ids.has(r.id)) return { id: r.id, status: 400, body: graphError(400, 'BadRequest', `Duplicate request id '${r.id}'.`).body };
      ids.add(r.id);
      const url = r.url.startsWith('/') ? r.url : `/${r.url}`;
      const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      const fault = takeFault(`/v1.0${url}`);
      const reply = fault ? faultReply(fault) : graph(r.method.toUpperCase(), url, headers, r.body, claims);
      requests.push({ method: r.method.toUpperCase(), path: `/v1.0${url}`, user: userOf(claims), at: Date.now() });
      return { id: r.id, status: reply.status, headers: { ...(reply.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(reply.headers ?? {}) }, ...(reply.body !== undefined ? { body: reply.body } : {}) };
    });
    return { status: 200, body: { responses } };
  }
  const userOf = (claims: Record<string, any>) => (claims.oid ? byOid(claims.oid)?.address ?? '' : '');

  // ---- HTTP -------------------------------------------------------------------------------------------------
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toUpperCase();
    const pathWithQuery = url.pathname + url.search;
    const send = (r: Reply) => {
      const headers: Record<string, string> = { 'request-id': crypto.randomUUID(), ...(r.headers ?? {}) };
      if (r.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
      res.writeHead(r.status, headers);
      res.end(r.body !== undefined ? JSON.stringify(r.body) : undefined);
    };

    const login = /^\/([^/]+)\/oauth2\/v2\.0\/(token|authorize)$/.exec(url.pathname);
    if (login) {
      if (login[2] === 'token') {
        if (method !== 'POST') return send(oauthError(405, 'invalid_request', 'The token endpoint takes POST.', 900561));
        if (tokenFaults.left > 0) {
          tokenFaults.left -= 1;
          requests.push({ method, path: pathWithQuery, user: '', at: Date.now() });
          if (tokenFaults.status === 0) {
            req.socket.destroy();
            return;
          }
          return send(oauthError(tokenFaults.status, 'temporarily_unavailable', 'The service is temporarily unavailable.', 90033));
        }
        const { reply, user } = tokenEndpoint(login[1]!, new URLSearchParams(raw));
        requests.push({ method, path: pathWithQuery, user, at: Date.now() });
        return send(reply);
      }
      requests.push({ method, path: url.pathname, user: '', at: Date.now() });
      return send(authorizeEndpoint(login[1]!, url.searchParams));
    }
    if (!url.pathname.startsWith('/v1.0/')) {
      requests.push({ method, path: pathWithQuery, user: '', at: Date.now() });
      return send(graphError(404, 'NotFound', `The fake knows no ${url.pathname}.`));
    }

    const auth = authenticate(req.headers.authorization);
    const user = auth.claims ? userOf(auth.claims) : '';
    requests.push({ method, path: pathWithQuery, user, at: Date.now() });
    const m = user ? mailbox(user) : undefined;
    if (m) {
      m.inFlight += 1;
      m.maxInFlight = Math.max(m.maxInFlight, m.inFlight);
    }
    try {
      if (latencyMs) await sleep(latencyMs);
      if (auth.error) return send(auth.error);
      const fault = takeFault(pathWithQuery);
      if (fault) return send(faultReply(fault));
      let body: unknown;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return send(graphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'));
        }
      }
      const rel = pathWithQuery.slice('/v1.0'.length);
      if (url.pathname === '/v1.0/$batch') {
        if (method !== 'POST') return send(graphError(405, 'BadRequest', 'Batch takes POST.'));
        return send(batch(body, auth.claims!));
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
      return send(graph(method, rel, headers, body, auth.claims!));
    } finally {
      if (m) m.inFlight -= 1;
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake graph crashed: ${err.stack}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const contactOf = (address: string, id: string) => {
    const c = mailbox(address).contacts.get(id);
    if (!c) throw new Error(`no contact ${id} in ${address}`);
    return c;
  };

  return {
    url: base,
    graphUrl: `${base}/v1.0`,
    loginUrl: base,
    tenantId,
    clientId,
    clientSecret,
    registerCertificate(thumbprint, publicKeyPem) {
      certificates.set(thumbprint.toLowerCase().replace(/[^0-9a-f]/g, ''), publicKeyPem);
    },
    contacts: (address) => [...mailbox(address).contacts.values()].sort((a, b) => a.seq - b.seq).map((c) => presentContact(c, undefined, {})),
    addContact(address, contact, folderId) {
      const m = mailbox(address);
      const v = validateContactBody(contact, true);
      if ('error' in v) throw new Error(JSON.stringify(v.error.body));
      return presentContact(createContact(m, v.fields, folderId ?? m.defaultFolderId));
    },
    updateContact(address, id, patch) {
      const m = mailbox(address);
      const c = contactOf(address, id);
      const v = validateContactBody(patch, false);
      if ('error' in v) throw new Error(JSON.stringify(v.error.body));
      updateStored(m, c, v.fields);
      return presentContact(c);
    },
    deleteContact(address, id) {
      removeStored(mailbox(address), contactOf(address, id));
    },
    addFolder(address, displayName) {
      const m = mailbox(address);
      const f = { id: `AQMkA${newId(30)}`, displayName, parentFolderId: m.defaultFolderId };
      m.folders.set(f.id, f);
      return { ...f };
    },
    sentMail: (address) => structuredClone(mailbox(address).sent),
    throttle(count, retryAfterSeconds = 1, match, status = 429) {
      faults.push({ left: count, status, retryAfter: retryAfterSeconds, match });
    },
    failNext(count, status, match) {
      faults.push({ left: count, status, match });
    },
    failTokenRequests(count, status = 503) {
      tokenFaults = { left: count, status };
    },
    expireDeltaTokens() {
      deltaEpoch += 1;
    },
    expireAccessTokens() {
      accessGen += 1;
    },
    revoke(address) {
      mailbox(address).gen += 1;
    },
    signInAs(address) {
      mailbox(address);
      nextSignIn = address.toLowerCase();
    },
    userAssertion(address, opts = {}) {
      const m = mailbox(address);
      const iat = now();
      return sign({
        aud: opts.audience ?? `api://${clientId}`, iss: issuer(), iat, nbf: iat, exp: iat + (opts.expiresInSeconds ?? 3600), tid: tenantId,
        oid: m.oid, preferred_username: m.address, name: m.displayName, scp: 'access_as_user', gen: m.gen, ver: '2.0',
      });
    },
    requests,
    maxInFlight: (address) => mailbox(address).maxInFlight,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
