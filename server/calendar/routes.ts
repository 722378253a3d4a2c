import type { Request } from 'express';
import type { AppContext } from '../context.js';
import { route, type Route } from '../http/route.js';
import { CalendarFeeds } from './feed.js';

const FEED_PATH = '/calendar/feed.ics';

/** The address to subscribe to, on the host the user reached this server by. */
function feedUrl(req: Request, key: string): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/api/v1${FEED_PATH}?key=${encodeURIComponent(key)}`;
}

export function calendarFeedRoutes(ctx: AppContext): Route[] {
  const feeds = new CalendarFeeds(ctx);
  const state = { type: 'object', properties: { active: { type: 'boolean' }, createdAt: { type: ['string', 'null'] } }, required: ['active', 'createdAt'], additionalProperties: false };
  return [
    route({
      method: 'get', path: '/calendar/feed', tag: 'Agenda', summary: 'Whether you have an iCalendar feed address (the address itself is shown only when made)',
      response: () => state,
      handler: ({ actor }) => feeds.state(actor),
    }),
    route({
      method: 'post', path: '/calendar/feed', tag: 'Agenda', status: 201,
      summary: 'Make a new secret iCalendar feed address for your calendar (Outlook: Add calendar → From Internet); the previous one stops working',
      response: () => ({ type: 'object', properties: { url: { type: 'string' }, createdAt: { type: 'string' } }, required: ['url', 'createdAt'], additionalProperties: false }),
      async handler({ actor, req }) {
        const { key, createdAt } = await feeds.create(actor);
        return { url: feedUrl(req, key), createdAt };
      },
    }),
    route({
      method: 'delete', path: '/calendar/feed', tag: 'Agenda', status: 204, summary: 'Revoke your iCalendar feed address',
      handler: async ({ actor }) => {
        await feeds.revoke(actor);
      },
    }),
    route({
      method: 'get', path: FEED_PATH, tag: 'Agenda', public: true, produces: 'text/calendar',
      summary: 'A user\'s events and open tasks as iCalendar, for the holder of the secret key',
      query: () => [{ name: 'key', description: 'The secret key of the feed address.', required: true }],
      async handler({ query, res }) {
        const body = await feeds.render(query.key);
        res.status(200).type('text/calendar; charset=utf-8').setHeader('Content-Disposition', 'inline; filename="kontora.ics"');
        res.send(body);
      },
    }),
  ];
}
