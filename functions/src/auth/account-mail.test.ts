import { describe, expect, it } from 'vitest';
import { checkoutSuccessUrl } from '../billing/checkout';
import { renderTemplate } from '../mail/mail-templates';
import { appActionUrl } from './account-mail';

describe('appActionUrl', () => {
  const link =
    'http://127.0.0.1:9099/emulator/action?mode=resetPassword&lang=en&oobCode=ABC-123_x&apiKey=fake&continueUrl=x';

  it('moves the oobCode of a Firebase action link onto the app page', () => {
    expect(appActionUrl('https://app.test', '/reset-password', link)).toBe(
      'https://app.test/reset-password?oobCode=ABC-123_x',
    );
    expect(appActionUrl('https://app.test', '/reset-password', link, { next: '/materials/a?b=1' })).toBe(
      'https://app.test/reset-password?oobCode=ABC-123_x&next=%2Fmaterials%2Fa%3Fb%3D1',
    );
  });

  it('refuses a link without a code', () => {
    expect(() => appActionUrl('https://app.test', '/reset-password', 'https://x.test/?mode=resetPassword')).toThrow(
      /oobCode/,
    );
  });
});

describe('checkoutSuccessUrl', () => {
  it('carries a safe returnTo to the account page, and drops an unsafe one', () => {
    const base = 'https://app.test/account?checkout=success&session_id={CHECKOUT_SESSION_ID}';
    expect(checkoutSuccessUrl('https://app.test', undefined)).toBe(base);
    expect(checkoutSuccessUrl('https://app.test', '/materials/m1')).toBe(`${base}&returnTo=%2Fmaterials%2Fm1`);
    expect(checkoutSuccessUrl('https://app.test', '//evil.example')).toBe(base);
    expect(checkoutSuccessUrl('https://app.test', 'https://evil.example')).toBe(base);
  });
});

describe('account mails', () => {
  it('each links where its data says', () => {
    const reset = renderTemplate(
      'password-reset',
      { resetUrl: 'https://app.test/reset-password?oobCode=c' },
      'https://app.test',
    );
    expect(reset.subject).toBe('Reset your Commons password');
    expect(reset.html).toContain('https://app.test/reset-password?oobCode=c');
    const link = renderTemplate(
      'sign-in-link',
      { signInUrl: 'https://app.test/sign-in/finish?x=1' },
      'https://app.test',
    );
    expect(link.text).toContain('https://app.test/sign-in/finish?x=1');
    const change = renderTemplate(
      'change-email',
      { changeUrl: 'https://auth.test/a', newEmail: 'new@x.test' },
      'https://app.test',
    );
    expect(change.text).toContain('new@x.test');
    expect(change.html).toContain('https://auth.test/a');
  });
});
