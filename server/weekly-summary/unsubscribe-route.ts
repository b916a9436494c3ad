import { type RequestHandler, type Response, Router } from 'express';
import { WEEKLY_SUMMARY } from '../../shared/account/preferences';
import { asyncRoute } from '../errors';
import { escapeHtml } from '../mail/templates';
import type { UserStore } from '../storage/types';
import { UNSUBSCRIBE_PATH, type UnsubscribeLinks } from './unsubscribe-link';

/**
 * The weekly mail's unsubscribe link: a GET (or a mail client's one-click POST), with no sign-in, that turns the
 * mail off for the account the link was signed for and says so on a page.
 * Opening it again changes nothing. A tampered or made-up link is refused
 * and changes nothing.
 */

function page(res: Response, status: number, title: string, message: string): void {
  res.status(status).type('html').set('cache-control', 'no-store').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>
`);
}

export function createUnsubscribeRouter(options: { users: UserStore; links: UnsubscribeLinks; rateLimit: RequestHandler }): Router {
  const router = Router();
  // GET from the link in the mail; POST from a mail client's own button (RFC 8058 one-click: the same link, its body ignored).
  router.all(UNSUBSCRIBE_PATH, options.rateLimit, asyncRoute(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.status(405).set('allow', 'GET, POST').end();
      return;
    }
    const userId = options.links.verify(req.query.u, req.query.s);
    if (!userId) {
      page(res, 400, 'This link is not valid', 'The unsubscribe link is incomplete or was changed. Use the link from the mail as it is, or turn the weekly summary off in TrackRuit\'s settings.');
      return;
    }
    const updated = await options.users.update(userId, (current) => ({ ...current, preferences: { ...current.preferences, [WEEKLY_SUMMARY]: false } }));
    if (!updated) {
      page(res, 404, 'No such account', 'This account no longer exists, so no more weekly summaries will be sent to it.');
      return;
    }
    page(res, 200, 'Weekly summary turned off', 'You will get no more weekly summary mails from TrackRuit. You can turn them on again in the extension\'s settings.');
  }));
  return router;
}
