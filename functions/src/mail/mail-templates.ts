import type { BillingMailTemplate } from '../shared/billing';
import { escapeHtml } from '../shared/html';
import { httpsUrl } from '../shared/urls';
import { buttonBlock, postalAddressLine, renderEmail } from './email-html';

/** What a plan email names: the tier id (kept on the outbox document) and its display name. */
export interface PlanMailData {
  tier: string | null;
  tierName: string | null;
}

/** What every event mail names: the event as its teaser says, its time in its zone, and its page. */
export interface EventMailData {
  title: string;
  /** `eventWhen(...)`: "Thursday, 14 January 2027, 18:00–19:30 (Europe/Berlin)". */
  when: string;
  /** The event's page: Register, and Join once the window opens (no join link is ever mailed). */
  pageUrl: string;
}

/** A charge coming (a trial's first payment, a yearly renewal) or waiting: when, how much, and the plan. */
export interface ChargeMailData extends PlanMailData {
  /** When the card is charged, Unix milliseconds. */
  at: number;
  /** Smallest currency unit, and the ISO currency code. */
  amount: number;
  currency: string;
}

/** A duplicate subscription cancelled and refunded (billing/duplicate-subscriptions.ts). */
export interface DuplicateMailData {
  subscriptionId: string;
  cancelledTierName: string;
  keptTierName: string;
  /** Refunded, in the smallest currency unit; 0 when nothing had been paid (a trial). */
  refundAmount: number;
  currency: string;
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
  /** Events (functions/src/calendar/event-mail.ts): the `.ics` travels as the mail's attachment. */
  'event-registered': EventMailData;
  'event-waitlisted': EventMailData;
  'event-promoted': EventMailData;
  'event-rescheduled': EventMailData;
  /** `invite`: a cancellation (METHOD:CANCEL) is attached, for those who had the invitation. */
  'event-cancelled': EventMailData & { invite: boolean };
  'event-reminder': EventMailData & { lead: '24h' | '1h' };
  /** Billing reminders (billing/billing-reminders.ts): one per trial end, one per yearly renewal. */
  'trial-ending': ChargeMailData;
  'renewal-upcoming': ChargeMailData;
  /** 3-D Secure: `hostedInvoiceUrl` is Stripe's hosted invoice page, read from Stripe, where the member confirms. */
  'payment-action-required': Omit<ChargeMailData, 'at'> & { hostedInvoiceUrl: string };
  /** After an account deletion (functions/src/deletion/), to the address the account had. */
  'account-deleted': { cancelledSubscription: boolean };
  'duplicate-subscription-cancelled': DuplicateMailData;
  /** To each ADMIN_EMAILS address. */
  'duplicate-subscription-admin': DuplicateMailData & { memberEmail: string; memberUid: string };
  /** Courses (functions/src/courses/cohorts/cohort-start.ts): to each member enrolled in a cohort that started. */
  'course-cohort-started': { courseTitle: string; cohortTitle: string; courseUrl: string };
  /** Accounts (functions/src/auth/account-mail.ts): links made by the Admin SDK, to the app's own pages. */
  'password-reset': { resetUrl: string };
  'sign-in-link': { signInUrl: string };
  /** To the NEW address: the address changes when its owner opens the link (verify before change). */
  'change-email': { changeUrl: string; newEmail: string };
  /**
   * The signup box on a free material (signup/visitor-signup.ts): `signInUrl` is a sign-in link
   * (mail/sign-in-link.ts) that lands on the material; each file's `url` is the material page with
   * `?download=`, which starts that file once the reader is signed in (no file URL is ever mailed).
   */
  'lead-magnet': { title: string; signInUrl: string; files: Array<{ name: string; url: string }> };
}
export type MailTemplate = keyof MailTemplates;

interface Template<D> {
  subject: (d: D) => string;
  /** Paragraphs of plain text (escaped into the HTML), then an optional call to action. */
  lines: (d: D) => string[];
  action?: (d: D, appUrl: string) => { label: string; url: string };
}

const plan = (d: PlanMailData) => d.tierName ?? 'your plan';
const money = (d: { amount: number; currency: string }) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: d.currency.toUpperCase() }).format(d.amount / 100);
const day = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(ms));
const amount = (d: DuplicateMailData) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: d.currency.toUpperCase() }).format(
    d.refundAmount / 100,
  );
const refundLine = (d: DuplicateMailData) =>
  d.refundAmount > 0
    ? `We refunded ${amount(d)}, the unused part of what it charged, to your card; banks take 5–10 days to show it.`
    : 'It had not charged you anything, so there is nothing to refund.';

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
  'payment-recovered': {
    subject: (d) => `Thank you: ${plan(d)} is paid up again`,
    lines: (d) => [`Your payment went through and ${plan(d)} is back in good standing. Nothing else to do.`],
    action: (_d, app) => ({ label: 'See your account', url: `${app}/account` }),
  },
  'access-ended': {
    subject: (d) => `${plan(d)} has ended`,
    lines: (d) => [
      `Your ${plan(d)} subscription has ended, so its materials, events and community are closed to you now.`,
      'Your account stays, with everything open to every member. You can choose a plan again at any time.',
    ],
    action: (_d, app) => ({ label: 'See the plans', url: `${app}/pricing` }),
  },
  'trial-ending': {
    subject: (d) => `Your ${plan(d)} trial ends on ${day(d.at)}`,
    lines: (d) => [
      `Your free trial of ${plan(d)} ends on ${day(d.at)}. Then your card is charged ${money(d)} and the plan continues.`,
      'Not for you? Cancel before then from your account and you pay nothing.',
    ],
    action: (_d, app) => ({ label: 'Manage billing', url: `${app}/account` }),
  },
  'renewal-upcoming': {
    subject: (d) => `${plan(d)} renews on ${day(d.at)}`,
    lines: (d) => [
      `Your yearly ${plan(d)} subscription renews on ${day(d.at)}, and your card is charged ${money(d)}.`,
      'To change or cancel it, visit your account before then.',
    ],
    action: (_d, app) => ({ label: 'Manage billing', url: `${app}/account` }),
  },
  'payment-action-required': {
    subject: () => 'Please confirm your payment',
    lines: (d) => [
      `Your bank asks you to confirm the payment of ${money(d)} for ${plan(d)} (3-D Secure).`,
      'Until you confirm it, the payment is not taken and your plan is at risk.',
    ],
    action: (d) => ({ label: 'Confirm the payment', url: d.hostedInvoiceUrl }),
  },
  'confirm-subscription': {
    subject: () => 'Confirm your subscription',
    lines: () => [
      'Someone, hopefully you, asked to receive the Commons newsletter at this address.',
      'Confirm with the button below; if it was not you, ignore this email and nothing happens.',
    ],
    action: (d) => ({ label: 'Confirm my subscription', url: d.confirmUrl }),
  },
  'lead-magnet': {
    subject: (d) => `Your free copy of ${d.title}`,
    lines: (d) => [
      `Someone, hopefully you, asked for "${d.title}" at this address.`,
      'The button signs you in and opens it. The first time, it also creates your free Commons account, with the newsletter on (turn it off in your account any time).',
      ...d.files.map((f) => `${f.name} (opens once you are signed in): ${f.url}`),
      'If it was not you, ignore this email and nothing happens.',
    ],
    action: (d) => ({ label: 'Sign in and open it', url: d.signInUrl }),
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
  'event-registered': {
    subject: (d) => `You're registered: ${d.title}`,
    lines: (d) => [
      `You have a place at ${d.title}, ${d.when}.`,
      'The attached invitation adds it to your calendar. The event page shows the Join button shortly before the start.',
    ],
    action: (d) => ({ label: 'Open the event', url: d.pageUrl }),
  },
  'event-waitlisted': {
    subject: (d) => `You're on the waitlist: ${d.title}`,
    lines: (d) => [
      `${d.title}, ${d.when}, is full, so you are on the waitlist.`,
      'If a place opens you move up by yourself, and we email you the invitation.',
    ],
    action: (d) => ({ label: 'Open the event', url: d.pageUrl }),
  },
  'event-promoted': {
    subject: (d) => `A place opened: you're in for ${d.title}`,
    lines: (d) => [
      `You moved up from the waitlist and have a place at ${d.title}, ${d.when}.`,
      'The attached invitation adds it to your calendar. The event page shows the Join button shortly before the start.',
    ],
    action: (d) => ({ label: 'Open the event', url: d.pageUrl }),
  },
  'event-rescheduled': {
    subject: (d) => `New time: ${d.title}`,
    lines: (d) => [
      `${d.title} has moved. It is now ${d.when}.`,
      'The attached invitation updates the entry in your calendar.',
    ],
    action: (d) => ({ label: 'Open the event', url: d.pageUrl }),
  },
  'event-cancelled': {
    subject: (d) => `Cancelled: ${d.title}`,
    lines: (d) => [
      `${d.title}, planned for ${d.when}, is cancelled.`,
      ...(d.invite ? ['The attached cancellation removes it from your calendar.'] : []),
    ],
    action: (d) => ({ label: 'See the event', url: d.pageUrl }),
  },
  'event-reminder': {
    subject: (d) => (d.lead === '1h' ? `Starting in an hour: ${d.title}` : `Tomorrow: ${d.title}`),
    lines: (d) => [
      `${d.title} starts ${d.lead === '1h' ? 'in an hour' : 'in a day'}: ${d.when}.`,
      'Join from the event page: the Join button appears there shortly before the start.',
    ],
    action: (d) => ({ label: 'Open the event', url: d.pageUrl }),
  },
  'course-cohort-started': {
    subject: (d) => `${d.courseTitle} has started`,
    lines: (d) => [
      `${d.cohortTitle} of ${d.courseTitle} has started: the first units are open to you now.`,
      'Live sessions are on the calendar, and the course page shows where you left off.',
    ],
    action: (d) => ({ label: 'Open the course', url: d.courseUrl }),
  },
  'password-reset': {
    subject: () => 'Reset your Commons password',
    lines: () => [
      'Someone, hopefully you, asked to reset the password of the Commons account with this address.',
      'Choose a new password with the button below; the link works for an hour and once. If it was not you, ignore this email: your password stays as it is.',
    ],
    action: (d) => ({ label: 'Choose a new password', url: d.resetUrl }),
  },
  'sign-in-link': {
    subject: () => 'Your Commons sign-in link',
    lines: () => [
      'Sign in to Commons with the button below; the link works once and for a limited time.',
      'If you did not ask for it, ignore this email: nobody can sign in without it.',
    ],
    action: (d) => ({ label: 'Sign in to Commons', url: d.signInUrl }),
  },
  'change-email': {
    subject: () => 'Confirm your new email address',
    lines: (d) => [
      `Someone, hopefully you, asked to use ${d.newEmail} for their Commons account.`,
      'The address changes when you confirm with the button below. If it was not you, ignore this email and nothing changes.',
    ],
    action: (d) => ({ label: 'Confirm my new address', url: d.changeUrl }),
  },
  'account-deleted': {
    subject: () => 'Your Commons account is deleted',
    lines: (d) => [
      'Your account and what we kept about you are deleted: your profile, registrations, mail history and community seat.',
      ...(d.cancelledSubscription
        ? [
            'Your subscription is cancelled as of now; you will not be charged again. Stripe keeps past invoices for our accounts.',
          ]
        : []),
      'This is the last email we send you. You are welcome to create a new account at any time.',
    ],
  },
  'duplicate-subscription-cancelled': {
    subject: () => 'We cancelled a second subscription you did not need',
    lines: (d) => [
      `You ended up with two subscriptions (for example by paying in two browser tabs). You keep ${d.keptTierName}; we cancelled the second one (${d.cancelledTierName}) at once.`,
      refundLine(d),
    ],
    action: (_d, app) => ({ label: 'See your account', url: `${app}/account` }),
  },
  'duplicate-subscription-admin': {
    subject: (d) => `Duplicate subscription cancelled for ${d.memberEmail}`,
    lines: (d) => [
      `${d.memberEmail} (${d.memberUid}) had two live subscriptions. ${d.keptTierName} was kept; ${d.cancelledTierName} (${d.subscriptionId}) was cancelled at once.`,
      d.refundAmount > 0 ? `Refunded: ${amount(d)}.` : 'Nothing had been charged, so nothing was refunded.',
    ],
    action: (_d, app) => ({ label: 'Open the members list', url: `${app}/admin/members` }),
  },
};

/** The one template that goes to an address before it is verified: the verification itself. */
export const VERIFICATION_TEMPLATE = 'verify-email' satisfies MailTemplate;

export function isMailTemplate(name: unknown): name is MailTemplate {
  return typeof name === 'string' && Object.hasOwn(TEMPLATES, name);
}

/**
 * Subject, HTML and text of an outbox mail; the footer carries the community's postal address
 * (`Settings.postalAddress`, optional here so a test may leave it out).
 */
export function renderTemplate<T extends MailTemplate>(
  name: T,
  data: MailTemplates[T],
  appUrl: string,
  postalAddress?: string,
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
  const footer = ['Commons · you receive this because of your membership.', ...postalAddressLine(postalAddress)];
  return { subject, ...renderEmail({ title: subject, blocks, footer }) };
}

/** A mail as in-app news (notifications): its subject and first paragraph, no HTML. */
export function mailNews<T extends MailTemplate>(name: T, data: MailTemplates[T]): { title: string; body: string } {
  const t = TEMPLATES[name] as Template<MailTemplates[T]>;
  return { title: t.subject(data), body: t.lines(data)[0] ?? '' };
}
