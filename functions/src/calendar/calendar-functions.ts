import { onRequest } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { httpHandler } from '../app/http';
import { UNSUBSCRIBE_SECRET } from '../app/params';
import { calendarFeedRequestSchema } from '../shared/calendar-schema';
import { calendarFeedResponse, memberFeedUrl, rotateMemberFeed } from './calendar-feed';

/** Only the path; feed URLs carry no query. Which path names a file is decided by `feedRequest` (404). */
const feedParams = z.object({ path: z.string().max(600) }).strict();

/** `/ics/event/{id}.ics`, `/ics/public.ics`, `/ics/member/{token}.ics` (Hosting rewrites `/ics/**`). */
export const calendarFeed = onRequest(
  { secrets: [UNSUBSCRIBE_SECRET] },
  httpHandler(
    'calendarFeed',
    { methods: ['GET'], maxBodyBytes: 0, schema: feedParams, params: (req) => ({ ...req.query, path: req.path }) },
    async ({ path }, _req, res) => {
      const answer = await calendarFeedResponse(deps(), path);
      res.status(answer.status).set(answer.headers).send(answer.body);
    },
  ),
);

/** The member's feed URL as it is now. */
export const getCalendarFeed = callable(
  'getCalendarFeed',
  { schema: calendarFeedRequestSchema, caller: 'member', secrets: [UNSUBSCRIBE_SECRET] },
  async (_input, { caller }) => ({ url: await memberFeedUrl(deps(), caller.uid) }),
);

/** A new feed URL; the previous one answers 404 from now on. */
export const rotateCalendarFeed = callable(
  'rotateCalendarFeed',
  { schema: calendarFeedRequestSchema, caller: 'member', secrets: [UNSUBSCRIBE_SECRET] },
  async (_input, { caller }) => ({ url: await rotateMemberFeed(deps(), caller.uid) }),
);
