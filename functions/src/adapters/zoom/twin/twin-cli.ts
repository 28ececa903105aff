import { serveUntilSignal } from '../../twin/serve-until-signal';
import { createZoomTwin } from './zoom-twin';

// Starts the Zoom twin for `npm start` and manual testing (scripts/emulators.mjs ZOOM_TWIN has the values):
//   npx tsx functions/src/adapters/zoom/twin/twin-cli.ts
const env = process.env;
serveUntilSignal(
  'Zoom twin',
  () =>
    createZoomTwin({
      port: Number(env.ZOOM_TWIN_PORT ?? 8100),
      host: env.ZOOM_TWIN_HOST || '127.0.0.1',
      publicUrl: env.ZOOM_TWIN_PUBLIC_URL || undefined,
      accountId: env.ZOOM_ACCOUNT_ID ?? 'twin-account',
      clientId: env.ZOOM_CLIENT_ID ?? 'twin-client-id',
      clientSecret: env.ZOOM_CLIENT_SECRET ?? 'twin-client-secret',
      webhookUrl: env.ZOOM_WEBHOOK_URL ?? 'http://127.0.0.1:5001/demo-commons/us-central1/zoomWebhook',
      webhookSecret: env.ZOOM_WEBHOOK_SECRET_TOKEN ?? 'twin-webhook-secret-token',
      dataFile: env.ZOOM_TWIN_DATA || undefined,
    }),
  (twin) => `Zoom twin listening on ${twin.url}`,
);
