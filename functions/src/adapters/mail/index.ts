import { MailTransportError, type MailTransport } from './mail-transport';
import { PostmarkTransport } from './postmark-transport';
import { SmtpTransport } from './smtp-transport';

export type { MailTransport };
export { MailTransportError, PostmarkTransport, SmtpTransport };

export const DEFAULT_SMTP_URL = 'smtp://127.0.0.1:1025';

/**
 * A new transport from settings: MAIL_TRANSPORT=smtp (SMTP_URL, default the local capture) or postmark
 * (POSTMARK_SERVER_TOKEN, optional POSTMARK_API_BASE). Unset means smtp, so the emulators need nothing.
 */
export function createMailTransport(env: NodeJS.ProcessEnv = process.env): MailTransport {
  const kind = (env.MAIL_TRANSPORT ?? 'smtp').trim().toLowerCase();
  switch (kind) {
    case 'smtp':
      return new SmtpTransport(env.SMTP_URL || DEFAULT_SMTP_URL);
    case 'postmark': {
      const serverToken = env.POSTMARK_SERVER_TOKEN;
      if (!serverToken) throw new Error('MAIL_TRANSPORT=postmark needs POSTMARK_SERVER_TOKEN');
      return new PostmarkTransport({ serverToken, baseUrl: env.POSTMARK_API_BASE || undefined });
    }
    default:
      throw new Error(`Unknown MAIL_TRANSPORT ${JSON.stringify(env.MAIL_TRANSPORT)}: use "smtp" or "postmark"`);
  }
}

let cached: MailTransport | undefined;

/** The process's transport, created on first use and kept (the SMTP pool reuses its connections). */
export function mailTransportFromEnv(env: NodeJS.ProcessEnv = process.env): MailTransport {
  cached ??= createMailTransport(env);
  return cached;
}

/** Closes and forgets the cached transport (tests, shutdown). */
export async function resetMailTransport(): Promise<void> {
  const t = cached;
  cached = undefined;
  await t?.close?.();
}
