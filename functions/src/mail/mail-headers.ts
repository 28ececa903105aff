// The headers mailbox providers look for besides List-Unsubscribe: List-Id (RFC 2919) names the list a
// newsletter belongs to, so filters and providers group it; Feedback-ID (Gmail's feedback loop) names the
// campaign, the kind of mail and the sender, so spam reports come back per campaign.

/** The domain of the sender's address: `Commons <hello@commons.example>` -> `commons.example`. */
export function senderDomain(from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  const domain = address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
  return /^[a-z0-9.-]+$/.test(domain) && domain.includes('.') ? domain : 'localhost.localdomain';
}

/** The display name of the sender, `Commons` in `Commons <hello@commons.example>`. */
function senderName(from: string): string {
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(from)?.[1]?.trim();
  return name || 'Commons';
}

/** One Feedback-ID field: no colon (the separator) and nothing a header could not carry. */
const field = (value: string) => value.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64) || '-';

/** `List-Id: Commons newsletter <newsletter.commons.example>`; the same for every issue. */
export function listId(from: string): string {
  const name = senderName(from).replace(/[^\x20-\x7e]|[<>"]/g, '');
  return `${name} newsletter <newsletter.${senderDomain(from)}>`;
}

/** `Feedback-ID: <campaign>:<kind>:<sender>`: the issue id or template name, then the kind of mail. */
export function feedbackId(campaign: string, kind: 'newsletter' | 'transactional', from: string): string {
  return `${field(campaign)}:${kind}:${field(senderDomain(from))}`;
}

/** The headers of every newsletter copy (List-Unsubscribe comes with each recipient's link). */
export const newsletterHeaders = (issueId: string, from: string): Record<string, string> => ({
  'List-Id': listId(from),
  'Feedback-ID': feedbackId(issueId, 'newsletter', from),
});

/** The headers of a transactional mail. */
export const transactionalHeaders = (template: string, from: string): Record<string, string> => ({
  'Feedback-ID': feedbackId(template, 'transactional', from),
});
