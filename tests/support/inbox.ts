// The dev inbox of the local SMTP capture that test-emulated.mjs runs (every email the functions send).
const MESSAGES = 'http://127.0.0.1:8025/api/messages';

export interface CapturedMail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** Every captured message, or those to one address. */
export async function inbox(to?: string): Promise<CapturedMail[]> {
  const res = await fetch(to ? `${MESSAGES}?to=${encodeURIComponent(to)}` : MESSAGES);
  return (await res.json()) as CapturedMail[];
}

export async function clearInbox(): Promise<void> {
  await fetch(MESSAGES, { method: 'DELETE' });
}
