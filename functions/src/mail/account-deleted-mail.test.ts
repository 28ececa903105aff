import { describe, expect, it } from 'vitest';
import { renderTemplate } from './mail-templates';

describe('account-deleted mail', () => {
  it('confirms the deletion, naming the cancelled subscription only when there was one', () => {
    const paid = renderTemplate('account-deleted', { cancelledSubscription: true }, 'https://app.test');
    const free = renderTemplate('account-deleted', { cancelledSubscription: false }, 'https://app.test');
    expect(paid.subject).toBe('Your Commons account is deleted');
    expect(paid.text).toContain('subscription is cancelled');
    expect(free.text).not.toContain('subscription');
    expect(free.text).toContain('last email');
    // No link back into an account that no longer exists.
    expect(paid.html).not.toContain('https://app.test/account');
  });
});
