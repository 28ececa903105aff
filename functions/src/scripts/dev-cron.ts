// `npm start`'s stand-in for Cloud Scheduler: the Functions emulator never fires onSchedule functions,
// so every minute this runs the same job functions they call (due newsletters and resumed batches,
// mail and announcement retries, expired grants) against the emulators and the local twins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMailTransport } from '../adapters/mail';
import { announcementChannelsFromEnv } from '../adapters/chat';
import { auth, db } from '../app/firebase';
import { retryPendingAnnouncements } from '../announcements/announcement-store';
import { retryQueuedMail } from '../mail/outbox';
import { expireGrants } from '../members/member-store';
import { dispatchNewsletters } from '../newsletters/newsletter-sender';

/** The demo project's params and local secrets, as the Functions emulator reads them. */
function demoEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const file of ['.env.demo-commons', '.secret.local']) {
    const text = readFileSync(join(__dirname, '..', '..', file), 'utf8');
    for (const line of text.split('\n')) {
      const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (m) env[m[1]!] = m[2]!;
    }
  }
  return env;
}

async function tick(env: Record<string, string>) {
  const transport = createMailTransport({ MAIL_TRANSPORT: env.MAIL_TRANSPORT, SMTP_URL: env.SMTP_URL });
  const appUrl = (env.APP_URL ?? '').split(',')[0]!.trim();
  const now = () => new Date();
  try {
    const settings = {
      from: env.MAIL_FROM ?? '',
      appUrl,
      functionsUrl: env.FUNCTIONS_URL ?? '',
      unsubscribeSecret: env.UNSUBSCRIBE_SECRET ?? '',
    };
    await dispatchNewsletters({ db: db(), transport, now, settings });
    await retryQueuedMail({ db: db(), transport, now, from: settings.from, appUrl });
    await retryPendingAnnouncements({ db: db(), channels: announcementChannelsFromEnv(env), now, appUrl });
    await expireGrants({ db: db(), auth: auth(), now });
  } catch (err) {
    console.error('dev cron:', err instanceof Error ? err.message : err);
  } finally {
    await transport.close?.();
  }
}

const env = demoEnv();
process.env.GCLOUD_PROJECT ??= 'demo-commons';
void tick(env);
const timer = setInterval(() => void tick(env), 60_000);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (clearInterval(timer), process.exit(0)));
