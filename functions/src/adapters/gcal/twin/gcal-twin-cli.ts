import { serveUntilSignal } from '../../twin/serve-until-signal';
import { startGcalTwin } from './gcal-twin';

// Starts the local Google Calendar twin for `npm start` and manual testing:
//   npx tsx functions/src/adapters/gcal/twin/gcal-twin-cli.ts
// Point the functions at it with GOOGLE_API_BASE=<url> and GOOGLE_TOKEN_URL=<url>/token.
// GCAL_TWIN_SERVICE_ACCOUNT_KEY (the key JSON or base64 of it) makes it check JWT signatures.
const env = process.env;
const key = env.GCAL_TWIN_SERVICE_ACCOUNT_KEY?.trim();
serveUntilSignal(
  'Google Calendar twin',
  () =>
    startGcalTwin({
      port: Number(env.GCAL_TWIN_PORT || 8110),
      host: env.GCAL_TWIN_HOST || '127.0.0.1',
      serviceAccountKey: key ? (key.startsWith('{') ? key : Buffer.from(key, 'base64').toString('utf8')) : undefined,
    }),
  (twin) => `Google Calendar twin on ${twin.url}`,
);
