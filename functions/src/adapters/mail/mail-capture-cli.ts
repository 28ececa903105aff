import { startMailCapture } from './mail-capture';

// Starts the local mail capture for `npm start` and manual testing:
//   npx tsx functions/src/adapters/mail/mail-capture-cli.ts
async function main(): Promise<void> {
  const env = process.env;
  const capture = await startMailCapture({
    smtpPort: Number(env.MAIL_CAPTURE_SMTP_PORT ?? 1025),
    httpPort: Number(env.MAIL_CAPTURE_HTTP_PORT ?? 8025),
    host: env.MAIL_CAPTURE_HOST || '127.0.0.1',
    dataFile: env.MAIL_CAPTURE_DATA || undefined,
  });
  const host = env.MAIL_CAPTURE_HOST || '127.0.0.1';
  console.log(`Mail capture: SMTP ${host}:${capture.smtpPort}, inbox ${capture.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    capture.close().then(
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
  console.error('Mail capture failed to start:', err);
  process.exit(1);
});
