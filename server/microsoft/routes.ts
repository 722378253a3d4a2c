import type { Authenticated } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';
import { route, type Route } from '../http/route.js';
import { callbackQuery, callbackUrl, connectOnBehalfOf, disconnect, finishConnect, mailboxInfo, mailboxInfoSchema, oboBody, startConnect } from './connect.js';
import { publicSettings, publicSettingsSchema, saveSettings, settingsBody } from './settings.js';

/** Microsoft 365: the app registration (admins) and each user's own mailbox connection. */
export function microsoftRoutes(_ctx: AppContext): Route[] {
  return [
    route({
      method: 'get', path: '/microsoft/settings', tag: 'Microsoft 365', summary: 'The Microsoft Entra app registration Kontora uses (admins; the secret and key are never returned, only whether they are stored)',
      response: () => publicSettingsSchema,
      handler: ({ ctx, actor }) => publicSettings(ctx, actor),
    }),
    route({
      method: 'put', path: '/microsoft/settings', tag: 'Microsoft 365', summary: 'Set the tenant, client id and client secret or certificate (admins; leave the secret or key out to keep the stored one)',
      body: () => settingsBody, response: () => publicSettingsSchema,
      handler: ({ ctx, actor, body }) => saveSettings(ctx, actor, body),
    }),
    route({
      method: 'get', path: '/microsoft/mailbox', tag: 'Microsoft 365', summary: 'Your Microsoft 365 mailbox connection: address and status (connected, or needs signing in again)',
      response: () => mailboxInfoSchema,
      handler: ({ ctx, actor }) => mailboxInfo(ctx, actor),
    }),
    route({
      method: 'delete', path: '/microsoft/mailbox', tag: 'Microsoft 365', summary: 'Disconnect your mailbox: Kontora forgets its stored sign-in', status: 204,
      handler: ({ ctx, actor }) => disconnect(ctx, actor),
    }),
    route({
      method: 'post', path: '/microsoft/connect', tag: 'Microsoft 365', summary: 'Start connecting your mailbox: the Microsoft sign-in URL to open (authorization code flow with PKCE; the state is bound to this session)',
      response: () => ({ type: 'object', properties: { authorizeUrl: { type: 'string' } }, required: ['authorizeUrl'], additionalProperties: false }),
      handler: ({ ctx, actor, req, res }) => startConnect(ctx, actor, res.locals.auth as Authenticated, callbackUrl(req)),
    }),
    route({
      method: 'get', path: '/microsoft/callback', tag: 'Microsoft 365', public: true, status: 302,
      summary: 'Where Microsoft returns after sign-in: exchanges the code, stores the sealed token cache and sends the browser back to Kontora',
      query: () => Object.keys(callbackQuery.shape).map((name) => ({ name, description: `As sent by the Microsoft identity platform (${name}).` })),
      async handler({ ctx, req, res, query }) {
        const to = await finishConnect(ctx, req, query);
        res.redirect(302, to);
      },
    }),
    route({
      method: 'post', path: '/microsoft/connect/obo', tag: 'Microsoft 365', summary: 'Connect your mailbox with the Outlook add-in\'s single sign-on token (on-behalf-of flow)',
      body: () => oboBody, response: () => mailboxInfoSchema,
      handler: ({ ctx, actor, body }) => connectOnBehalfOf(ctx, actor, body),
    }),
  ];
}
