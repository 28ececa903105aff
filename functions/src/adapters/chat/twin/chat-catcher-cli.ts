import { serveUntilSignal } from '../../twin/serve-until-signal';
import { startChatCatcher } from './chat-catcher';

// Starts the local Slack/Telegram twin for `npm start` and manual testing:
//   npx tsx functions/src/adapters/chat/twin/chat-catcher-cli.ts
// Point the functions at it with SLACK_WEBHOOK_URL=<url>/slack/webhook,
// TELEGRAM_API_BASE=<url>/telegram and SLACK_API_BASE=<url>.
const env = process.env;
serveUntilSignal(
  'Chat catcher',
  () => startChatCatcher({ port: Number(env.CHAT_CATCHER_PORT || 8090), host: env.CHAT_CATCHER_HOST || '127.0.0.1' }),
  (catcher) => `Chat catcher on ${catcher.url}`,
);
