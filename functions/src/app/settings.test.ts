import { describe, expect, it } from 'vitest';
import { mapEnv } from './params';
import { settingsFrom } from './settings';

describe('settings from a plain env map (dev-cron, CLIs)', () => {
  it('takes each param default for what the map lacks', () => {
    const s = settingsFrom(mapEnv({}));
    expect(s.appUrls).toEqual(['http://127.0.0.1:5173']);
    expect(s.from).toBe('Commons <hello@commons.example>');
    expect(s.graceDays).toBe(7);
    expect(s.automaticTax).toBe(false);
    expect(s.unsubscribeSecret).toBe(''); // secrets have no default
    expect(s.softBounceLimit).toBe(3);
    expect(s.softBounceWindowDays).toBe(14);
    expect(s.postalAddress).toBe(''); // no default: a deploy asks for it
    expect(s.postmarkWebhookAuth).toBe(''); // refuses every delivery
  });

  it('reads the deliverability settings', () => {
    const s = settingsFrom(
      mapEnv({
        MAIL_POSTAL_ADDRESS: ' Commons e.V., Musterstraße 1, Berlin ',
        POSTMARK_WEBHOOK_AUTH: 'postmark:pw',
        SOFT_BOUNCE_LIMIT: '5',
        SOFT_BOUNCE_WINDOW_DAYS: '0',
      }),
    );
    expect(s.postalAddress).toBe('Commons e.V., Musterstraße 1, Berlin');
    expect(s.postmarkWebhookAuth).toBe('postmark:pw');
    expect(s.softBounceLimit).toBe(5);
    expect(s.softBounceWindowDays).toBe(1); // at least a day
    expect(settingsFrom(mapEnv({ POSTMARK_WEBHOOK_AUTH: 'none' })).postmarkWebhookAuth).toBe('');
  });

  it('reads the signup box limits, with their defaults', () => {
    expect(settingsFrom(mapEnv({})).signupLimits).toEqual({ mailsPerMinute: 30, perClient: 5 });
    const set = mapEnv({ SIGNUP_MAILS_PER_MINUTE: '12', SIGNUPS_PER_CLIENT: '3' });
    expect(settingsFrom(set).signupLimits).toEqual({ mailsPerMinute: 12, perClient: 3 });
  });

  it('parses what the map sets', () => {
    const s = settingsFrom(
      mapEnv({
        APP_URL: 'https://app.example/, https://www.app.example',
        FUNCTIONS_URL: 'https://fn.example/',
        BILLING_GRACE_DAYS: '3',
        STRIPE_TAX_ID_COLLECTION: 'true',
        UNSUBSCRIBE_SECRET: 's3cret',
      }),
    );
    expect(s.appUrls).toEqual(['https://app.example', 'https://www.app.example']);
    expect(s.appUrl).toBe('https://app.example');
    expect(s.functionsUrl).toBe('https://fn.example');
    expect(s.graceDays).toBe(3);
    expect(s.taxIdCollection).toBe(true);
    expect(s.unsubscribeSecret).toBe('s3cret');
  });

  it('derives the functions URL from the project when none is set', () => {
    const project = process.env.GCLOUD_PROJECT;
    process.env.GCLOUD_PROJECT = 'demo-x';
    try {
      expect(settingsFrom(mapEnv({})).functionsUrl).toBe('https://us-central1-demo-x.cloudfunctions.net');
    } finally {
      if (project === undefined) delete process.env.GCLOUD_PROJECT;
      else process.env.GCLOUD_PROJECT = project;
    }
  });
});
