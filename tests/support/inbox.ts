// The dev inbox of the local SMTP capture that test-emulated.mjs runs (every email the functions send).
import { eventually } from './emulators';
const MESSAGES = 'http://127.0.0.1:8025/api/messages';

export interface CapturedMail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** Attached files with their text (an event's `.ics`). */
  attachments?: Array<{ filename: string; contentType: string; content: string }>;
}

/** Every captured message, or those to one address. */
export async function inbox(to?: string): Promise<CapturedMail[]> {
  const res = await fetch(to ? `${MESSAGES}?to=${encodeURIComponent(to)}` : MESSAGES);
  return (await res.json()) as CapturedMail[];
}

export async function clearInbox(): Promise<void> {
  await fetch(MESSAGES, { method: 'DELETE' });
}

/**
 * Opens the newest verification link mailed to `email` (`verify-email`), as the member does: the Auth
 * emulator's action URL verifies the address and redirects to the app. Returns the link.
 */
export async function verifyThroughInbox(email: string): Promise<string> {
  const link = async () => {
    const mails = (await inbox(email)).filter((m) => m.subject === 'Verify your email address');
    return /Verify my email: (\S+)/.exec(mails.at(-1)?.text ?? '')?.[1];
  };
  const url = await eventually(link, (l) => l !== undefined);
  if (!url) throw new Error(`no verification mail to ${email}`);
  const res = await fetch(url, { redirect: 'manual' });
  if (res.status >= 400) throw new Error(`verification link of ${email}: ${res.status} ${await res.text()}`);
  return url;
}
