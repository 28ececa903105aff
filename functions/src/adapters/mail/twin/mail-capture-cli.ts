import { serveUntilSignal } from '../../twin/serve-until-signal';
import { startMailCapture } from './mail-capture';

// Starts the local mail capture for `npm start` and manual testing:
//   npx tsx functions/src/adapters/mail/twin/mail-capture-cli.ts
const env = process.env;
const host = env.MAIL_CAPTURE_HOST || '127.0.0.1';
serveUntilSignal(
  'Mail capture',
  () =>
    startMailCapture({
      smtpPort: Number(env.MAIL_CAPTURE_SMTP_PORT ?? 1025),
      httpPort: Number(env.MAIL_CAPTURE_HTTP_PORT ?? 8025),
      host,
      dataFile: env.MAIL_CAPTURE_DATA || undefined,
      bounceWebhook:
        env.MAIL_CAPTURE_BOUNCE_WEBHOOK_URL && env.MAIL_CAPTURE_BOUNCE_WEBHOOK_AUTH
          ? { url: env.MAIL_CAPTURE_BOUNCE_WEBHOOK_URL, auth: env.MAIL_CAPTURE_BOUNCE_WEBHOOK_AUTH }
          : undefined,
    }),
  (capture) => `Mail capture: SMTP ${host}:${capture.smtpPort}, inbox ${capture.url}`,
);
