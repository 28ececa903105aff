import { escapeHtml } from '../shared/html';
import { buttonBlock, layoutHtml } from './email-html';

/** Transactional emails queued in the `mail` outbox: the template names and what each needs. */
export interface TemplateData {
  tierName?: string | null;
  [key: string]: unknown;
}

interface Template {
  subject: (d: TemplateData) => string;
  /** Paragraphs of plain text (escaped into the HTML), then an optional call to action. */
  lines: (d: TemplateData) => string[];
  action?: (d: TemplateData, appUrl: string) => { label: string; url: string };
}

const plan = (d: TemplateData) => d.tierName ?? 'your plan';

const TEMPLATES: Record<string, Template> = {
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
    action: (d, app) => ({
      label: 'Confirm my subscription',
      url: typeof d.confirmUrl === 'string' ? d.confirmUrl : app,
    }),
  },
  'community-invite': {
    subject: () => 'Your invitation to the community',
    lines: (d) => [
      'Your plan includes the community: questions, reviews and the people behind the tutorials.',
      ...(typeof d.telegramInviteUrl === 'string' && d.telegramInviteUrl
        ? [`The Telegram channel: ${d.telegramInviteUrl}`]
        : []),
    ],
    action: (d, app) => ({
      label: 'Join us on Slack',
      url: typeof d.slackInviteUrl === 'string' && d.slackInviteUrl ? d.slackInviteUrl : `${app}/account`,
    }),
  },
};

/** Subject, HTML and text of an outbox mail; throws on an unknown template (the mail is marked failed). */
export function renderTemplate(
  name: string,
  data: TemplateData,
  appUrl: string,
): { subject: string; html: string; text: string } {
  const t = TEMPLATES[name];
  if (!t) throw new Error(`Unknown mail template "${name}"`);
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
