import { postWebhook, type WebhookAttempts } from '../../twin/post-webhook';
import { MESSAGE_ID_HEADER } from '../mail-transport';
import type { CapturedMessage } from './capture-store';

// The capture as a provider that bounces: mail to a designated test domain comes back as Postmark's bounce
// or spam-complaint webhook (Postmark's JSON, basic auth as Postmark sends it from the webhook URL), so
// `npm start` shows the whole path: send, bounce, suppression, the next newsletter skipping the address.

/** Test domains and what mail to them does (any other address is delivered, as before). */
export const BOUNCE_DOMAINS = {
  'bounce.test': { RecordType: 'Bounce', Type: 'HardBounce', TypeCode: 1, Name: 'Hard bounce' },
  'soft-bounce.test': { RecordType: 'Bounce', Type: 'SoftBounce', TypeCode: 4096, Name: 'Soft bounce' },
  'complaint.test': { RecordType: 'SpamComplaint', Type: 'SpamComplaint', TypeCode: 512, Name: 'Spam complaint' },
} as const;

const DESCRIPTIONS: Record<keyof typeof BOUNCE_DOMAINS, string> = {
  'bounce.test': 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
  'soft-bounce.test': 'Unable to temporarily deliver this email (mailbox full).',
  'complaint.test': 'The subscriber explicitly marked this message as spam.',
};

/** One record of Postmark's bounce or spam-complaint webhook, as Postmark documents it. */
export interface PostmarkBounceRecord {
  RecordType: 'Bounce' | 'SpamComplaint';
  ID: number;
  Type: string;
  TypeCode: number;
  Name: string;
  Tag: string;
  MessageID: string;
  Metadata: Record<string, string>;
  ServerID: number;
  MessageStream: string;
  Description: string;
  Details: string;
  Email: string;
  From: string;
  BouncedAt: string;
  DumpAvailable: boolean;
  Inactive: boolean;
  CanActivate: boolean;
  Subject: string;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** What the provider would report for `recipient` of `message`, or null when it is delivered. */
export function bounceRecordFor(
  message: CapturedMessage,
  recipient: string,
  id: number,
  at: Date,
): PostmarkBounceRecord | null {
  const domain = domainOf(recipient);
  if (!Object.hasOwn(BOUNCE_DOMAINS, domain)) return null;
  const kind = BOUNCE_DOMAINS[domain as keyof typeof BOUNCE_DOMAINS];
  const ours = message.headers[MESSAGE_ID_HEADER.toLowerCase()];
  return {
    ...kind,
    ID: id,
    Tag: '',
    MessageID: message.id,
    Metadata: ours && ours.length <= 80 ? { commonsMessageId: ours } : {},
    ServerID: 1,
    MessageStream: message.headers['list-id'] ? 'broadcast' : 'outbound',
    Description: DESCRIPTIONS[domain as keyof typeof BOUNCE_DOMAINS],
    Details: `Mail capture test ${kind.Name.toLowerCase()} for ${recipient}`,
    Email: recipient,
    From: message.from,
    BouncedAt: at.toISOString(),
    DumpAvailable: false,
    Inactive: kind.Type !== 'SoftBounce',
    CanActivate: kind.Type === 'HardBounce',
    Subject: message.subject.slice(0, 2000),
  };
}

export interface BounceDelivery extends WebhookAttempts {
  record: PostmarkBounceRecord;
}

/** Posts the records of captured messages to the webhook, retried as Postmark retries (shortened). */
export class BounceSender {
  readonly deliveries: BounceDelivery[] = [];
  private next = Date.now() * 100;
  private stopped = false;

  constructor(private readonly target: { url: string; auth: string; retryDelaysMs?: number[] }) {}

  /** Every bounce or complaint `message` causes, one per designated recipient. */
  handle(message: CapturedMessage): void {
    for (const recipient of message.to) {
      const record = bounceRecordFor(message, recipient, this.next++, new Date());
      if (record) this.send(record);
    }
  }

  private send(record: PostmarkBounceRecord): void {
    const delivery: BounceDelivery = { record, status: 'pending', attempts: 0 };
    this.deliveries.push(delivery);
    void postWebhook({
      url: this.target.url,
      body: JSON.stringify(record),
      retryDelaysMs: this.target.retryDelaysMs ?? [1000, 5000, 15_000, 60_000],
      delivery,
      stopped: () => this.stopped,
      headers: () => ({
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(this.target.auth, 'utf8').toString('base64')}`,
        'user-agent': 'Postmark',
      }),
    }).then(
      () => {
        if (delivery.status === 'failed')
          console.error(`Mail capture: bounce webhook for ${record.Email} failed`, delivery);
      },
      (err: unknown) => console.error('Mail capture: bounce webhook failed:', err),
    );
  }

  /** No more retries (pending ones end at their next attempt). */
  close(): void {
    this.stopped = true;
  }
}
