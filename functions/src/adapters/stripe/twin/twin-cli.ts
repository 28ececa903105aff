import { createStripeTwin } from './stripe-twin';

// Starts the Stripe twin for `npm start` and manual testing:
//   node functions/lib/adapters/stripe/twin/twin-cli.js   (after the functions build)
//   npx tsx functions/src/adapters/stripe/twin/twin-cli.ts
async function main(): Promise<void> {
  const env = process.env;
  const twin = await createStripeTwin({
    port: Number(env.STRIPE_TWIN_PORT ?? 12111),
    host: env.STRIPE_TWIN_HOST ?? '127.0.0.1',
    publicUrl: env.STRIPE_TWIN_PUBLIC_URL || undefined,
    webhookUrl: env.STRIPE_TWIN_WEBHOOK_URL ?? 'http://127.0.0.1:5001/demo-commons/us-central1/stripeWebhook',
    webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? 'whsec_commons_twin',
    dataFile: env.STRIPE_TWIN_DATA || undefined,
  });
  console.log(`Stripe twin listening on ${twin.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    twin.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('Stripe twin failed to start:', err);
  process.exit(1);
});
