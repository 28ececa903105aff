import { startChatCatcher } from './chat-catcher';

// Starts the local Slack/Telegram twin for `npm start` and manual testing:
//   npx tsx functions/src/adapters/chat/chat-catcher-cli.ts
// Point the functions at it with SLACK_WEBHOOK_URL=<url>/slack/webhook,
// TELEGRAM_API_BASE=<url>/telegram and SLACK_API_BASE=<url>.
async function main(): Promise<void> {
  const env = process.env;
  const host = env.CHAT_CATCHER_HOST || '127.0.0.1';
  const catcher = await startChatCatcher({ port: Number(env.CHAT_CATCHER_PORT || 8090), host });
  console.log(`Chat catcher on ${catcher.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    catcher.close().then(
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
  console.error('Chat catcher failed to start:', err);
  process.exit(1);
});
