import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { onRequest } from 'firebase-functions/v2/https';
import { adminOfRequest } from '../app/bearer-admin';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { httpHandler } from '../app/http';
import { indexMemberSearch } from '../members/member-search-index';
import { MEMBERS } from '../shared/members';
import { exportQuerySchema, refreshOverviewSchema, utcDay } from '../shared/overview';
import { exportColumns, exportRows } from './csv-export';
import { takeOverviewSnapshot } from './overview-snapshot';

/** An admin takes today's snapshot now (the same function as the daily job); answers its day. */
export const refreshOverview = callable(
  'refreshOverview',
  { schema: refreshOverviewSchema, caller: 'admin' },
  async () => ({ day: (await takeOverviewSnapshot(deps())).day }),
);

/**
 * CSV export of members, materials, events or courses for admins (`?kind=`), with the admin's ID token as
 * `Authorization: Bearer`. Streamed page by page through csv-stringify, so memory stays flat.
 */
export const exportCsv = onRequest(
  { cors: true, timeoutSeconds: 540 },
  httpHandler(
    'exportCsv',
    { methods: ['GET'], maxBodyBytes: 0, schema: exportQuerySchema },
    async ({ kind }, req, res) => {
      const app = deps();
      const who = await adminOfRequest(app, req.get('authorization'));
      if (!('uid' in who)) {
        if (who.status === 401) res.set('WWW-Authenticate', 'Bearer');
        res.status(who.status).json({ error: who.error });
        return;
      }
      res.set('Content-Type', 'text/csv; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="commons-${kind}-${utcDay(app.now())}.csv"`);
      res.set('Cache-Control', 'no-store');
      // The app calls from its own origin: let it read the file name.
      res.set('Access-Control-Expose-Headers', 'Content-Disposition');
      await pipeline(
        Readable.from(exportRows(app, kind)),
        stringify({ header: true, columns: exportColumns(kind) }),
        res,
      );
    },
  ),
);

/** A member's search keys follow their name and address (a rename on the account page, a changed address). */
export const indexMemberSearchOnChange = onDocumentUpdated(
  { document: `${MEMBERS}/{uid}`, retry: true },
  async (event) => {
    const before = event.data?.before.data();
    const after = event.data?.after.data();
    if (!after || (before?.name === after.name && before?.email === after.email)) return;
    await indexMemberSearch(deps().db, event.params.uid);
  },
);
