import { serveUntilSignal } from '../../twin/serve-until-signal';
import { startLumaTwin } from './luma-twin';

// Starts the local Luma twin for `npm start` and manual testing:
//   LUMA_TWIN_API_KEY=… npx tsx functions/src/adapters/luma/twin/luma-twin-cli.ts
// Point the functions at it with LUMA_API_BASE=<url> and the same LUMA_API_KEY.
const env = process.env;
serveUntilSignal(
  'Luma twin',
  () =>
    startLumaTwin({
      port: Number(env.LUMA_TWIN_PORT || 8120),
      host: env.LUMA_TWIN_HOST || '127.0.0.1',
      apiKey: env.LUMA_TWIN_API_KEY || 'luma_twin_key',
    }),
  (twin) => `Luma twin on ${twin.url}`,
);
