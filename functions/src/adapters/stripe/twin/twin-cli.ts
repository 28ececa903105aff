import { serveUntilSignal } from '../../twin/serve-until-signal';
import { createStripeTwin } from './stripe-twin';

// Starts the Stripe twin for `npm start` and manual testing:
//   npx tsx functions/src/adapters/stripe/twin/twin-cli.ts
const env = process.env;
serveUntilSignal(
  'Stripe twin',
  () =>
    createStripeTwin({
      port: Number(env.STRIPE_TWIN_PORT ?? 12111),
      host: env.STRIPE_TWIN_HOST || '127.0.0.1', // loopback only unless asked otherwise
      publicUrl: env.STRIPE_TWIN_PUBLIC_URL || undefined,
      webhookUrl: env.STRIPE_TWIN_WEBHOOK_URL ?? 'http://127.0.0.1:5001/demo-commons/us-central1/stripeWebhook',
      webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? 'whsec_commons_twin',
      dataFile: env.STRIPE_TWIN_DATA || undefined,
    }),
  (twin) => `Stripe twin listening on ${twin.url}`,
);
