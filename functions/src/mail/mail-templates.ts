import type { BillingMailTemplate } from '../shared/billing';
import { escapeHtml } from '../shared/html';
import { httpsUrl } from '../shared/urls';
import { buttonBlock, layoutHtml } from './email-html';

/** What a plan email names: the tier id (kept on the outbox document) and its display name. */
export interface PlanMailData {
  tier: string | null;
  tierName: string | null;
}

/**
 * Transactional emails queued in the `mail` outbox: each template by name with the data it needs, so
 * `queueMail` and `renderTemplate` check at compile time that a caller gives a template what it reads.
 */
export interface MailTemplates extends Record<BillingMailTemplate, PlanMailData> {
  'confirm-subscription': { confirmUrl: string };
  'community-invite': { slackInviteUrl: string; telegramInviteUrl: string };
  /** To a password account: `verifyUrl` is Firebase Auth's action link (`generateEmailVerificationLink`). */
  'verify-email': { verifyUrl: string };
}
export type MailTemplate = keyof MailTemplates;

interface Template<D> {
  subject: (d: D) => string;
  /** Paragraphs of plain text (escaped into the HTML), then an optional call to action. */
  lines: (d: D) => string[];
  action?: (d: D, appUrl: string) => { label: string; url: string };
}

const plan = (d: PlanMailData) => d.tierName ?? 'your plan';

const TEMPLATES: { [T in MailTemplate]: Template<MailTemplates[T]> } = {
  welcome: {
    subject: (d) => `Welcome to ${plan(d)}`,
    lines: (d) => [
      `Thank you for joining ${plan(d)}. Everything in your plan is open to you now: materials, the newsletter and events.`,
    ],
    action: (_d, app) => ({ label: 'Open the catalog', url: `${app}/` }),
  },
  'plan-changed': {
    subject: (d) => `You are now on ${plan(d)}`,
    lines: (d) => [`Your plan changed to ${plan(d)}. The change applies at once on every device.`],
    action: (_d, app) => ({ label: 'See your account', url: `${app}/account` }),
  },
  'payment-failed': {
    subject: () => 'Your payment did not go through',
    lines: (d) => [
      `We could not renew ${plan(d)}. You keep access for a few days while the payment is retried.`,
      'Please update your card to keep your plan.',
    ],
    action: (_d, app) => ({ label: 'Update your card', url: `${app}/account` }),
  },
  'cancellation-scheduled': {
    subject: (d) => `${plan(d)} ends at the end of this period`,
    lines: (d) => [
      `Your ${plan(d)} subscription is set to end at the end of the current billing period. You keep access until then.`,
      'Changed your mind? You can renew it from your account at any time before then.',
    ],
    action: (_d, app) => ({ label: 'Manage billing', url: `${app}/account` }),
  },
  'confirm-subscription': {
    subject: () => 'Confirm your subscription',
    lines: () => [
      'Someone, hopefully you, asked to receive the Commons newsletter at this address.',
      'Confirm with the button below; if it was not you, ignore this email and nothing happens.',
    ],
    action: (d) => ({ label: 'Confirm my subscription', url: d.confirmUrl }),
  },
  'community-invite': {
    subject: () => 'Your invitation to the community',
    // The links are data an admin typed: only what passes the web's own check (https) becomes a link.
    lines: (d) => {
      const telegram = httpsUrl(d.telegramInviteUrl);
      return [
        'Your plan includes the community: questions, reviews and the people behind the tutorials.',
        ...(telegram ? [`The Telegram channel: ${telegram}`] : []),
      ];
    },
    action: (d, app) => {
      const slack = httpsUrl(d.slackInviteUrl);
      return slack
        ? { label: 'Join us on Slack', url: slack }
        : { label: 'See the community links in your account', url: `${app}/account` };
    },
  },
  'verify-email': {
    subject: () => 'Verify your email address',
    lines: () => [
      'Please confirm that this address is yours to finish setting up your Commons account.',
      'Until then you cannot buy a plan or receive member emails. If you did not create an account, ignore this email.',
    ],
    action: (d) => ({ label: 'Verify my email', url: d.verifyUrl }),
  },
};

/** The one template that goes to an address before it is verified: the verification itself. */
export const VERIFICATION_TEMPLATE = 'verify-email' satisfies MailTemplate;

export function isMailTemplate(name: unknown): name is MailTemplate {
  return typeof name === 'string' && Object.hasOwn(TEMPLATES, name);
}

/** Subject, HTML and text of an outbox mail. */
export function renderTemplate<T extends MailTemplate>(
  name: T,
  data: MailTemplates[T],
  appUrl: string,
): { subject: string; html: string; text: string } {
  const t = TEMPLATES[name] as Template<MailTemplates[T]>;
  const subject = t.subject(data);
  const lines = t.lines(data);
  const action = t.action?.(data, appUrl);
  const blocks = [
    `<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(subject)}</h1>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    ...(action ? [buttonBlock(action.label, action.url)] : []),
  ];
  const text = [subject, '', ...lines, ...(action ? ['', `${action.label}: ${action.url}`] : [])].join('\n');
  return {
    subject,
    html: layoutHtml({ title: subject, blocks, footer: ['Commons · you receive this because of your membership.'] }),
    text,
  };
}
