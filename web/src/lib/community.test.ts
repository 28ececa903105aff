import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '@shared/defaults';
import { type TiersConfig } from '@shared/tiers';
import {
  communityConfigOf,
  communityForm,
  communityFormToConfig,
  communityUpsell,
  httpsUrl,
  inviteLinks,
  seatRow,
  sortSeats,
  validateCommunityForm,
} from './community';

const stored = {
  access: 'main',
  rank: 30,
  slackInviteUrl: 'https://join.slack.com/t/commons-demo/shared_invite/demo-invite',
  telegramInviteUrl: '',
};

describe('community config', () => {
  it('reads the stored config and refuses something else', () => {
    expect(communityConfigOf(stored)).toEqual(stored);
    expect(communityConfigOf({ access: 'main', rank: 30 })).toMatchObject({
      slackInviteUrl: '',
      telegramInviteUrl: '',
    });
    expect(communityConfigOf({ access: 'main' })).toBeNull();
    expect(communityConfigOf(undefined)).toBeNull();
  });

  it('makes links of https URLs only', () => {
    expect(httpsUrl(' https://t.me/commons_demo ')).toBe('https://t.me/commons_demo');
    expect(httpsUrl('http://t.me/commons_demo')).toBeNull();
    expect(httpsUrl('javascript:alert(1)')).toBeNull();
    expect(httpsUrl('/pricing')).toBeNull();
    expect(httpsUrl('https://')).toBeNull();
    expect(inviteLinks(communityConfigOf(stored))).toEqual({ slack: stored.slackInviteUrl, telegram: null });
    expect(inviteLinks(null)).toEqual({ slack: null, telegram: null });
  });
});

describe('community upsell', () => {
  it('offers the lowest plan whose benefits name the community, above the reader', () => {
    expect(communityUpsell(DEFAULT_TIERS, 20)?.id).toBe('main');
    expect(communityUpsell(DEFAULT_TIERS, 10)?.name).toBe('Main');
    expect(communityUpsell(DEFAULT_TIERS, 30)).toBeUndefined();
    expect(communityUpsell(DEFAULT_TIERS, 40)).toBeUndefined();
  });

  it('follows the tiers data, and offers nothing when no plan promises the community', () => {
    const moved: TiersConfig = {
      tiers: {
        ...DEFAULT_TIERS.tiers,
        main: { ...DEFAULT_TIERS.tiers.main!, benefits: ['Everything in Basic'] },
        pro: { name: 'Pro', rank: 35, benefits: ['Our Slack community'] },
      },
    };
    expect(communityUpsell(moved, 30)?.id).toBe('pro');
    const none: TiersConfig = { tiers: { free: DEFAULT_TIERS.tiers.free!, basic: DEFAULT_TIERS.tiers.basic! } };
    expect(communityUpsell(none, 10)).toBeUndefined();
  });
});

describe('community form', () => {
  it('starts from the stored config or the default plan', () => {
    expect(communityForm(null)).toEqual({ access: 'main', slackInviteUrl: '', telegramInviteUrl: '' });
    expect(communityForm(communityConfigOf(stored))).toEqual({
      access: 'main',
      slackInviteUrl: stored.slackInviteUrl,
      telegramInviteUrl: '',
    });
  });

  it('asks for a known plan and https links', () => {
    expect(validateCommunityForm(communityForm(communityConfigOf(stored)), DEFAULT_TIERS)).toEqual({});
    const errors = validateCommunityForm(
      { access: 'gold', slackInviteUrl: 'join.slack.com/x', telegramInviteUrl: 'javascript:alert(1)' },
      DEFAULT_TIERS,
    );
    expect(errors).toEqual({
      access: 'Choose a plan',
      slackInviteUrl: 'Enter a link starting with https:// (or leave it empty)',
      telegramInviteUrl: 'Enter a link starting with https:// (or leave it empty)',
    });
  });

  it('writes exactly the allowed keys with the rank of the chosen plan', () => {
    const doc = communityFormToConfig(
      { access: 'premium', slackInviteUrl: ' https://join.slack.com/x ', telegramInviteUrl: '' },
      DEFAULT_TIERS,
    );
    expect(doc).toEqual({
      access: 'premium',
      rank: 40,
      slackInviteUrl: 'https://join.slack.com/x',
      telegramInviteUrl: '',
    });
    expect(Object.keys(doc).sort()).toEqual(['access', 'rank', 'slackInviteUrl', 'telegramInviteUrl']);
    expect(() => communityFormToConfig({ ...communityForm(null), access: 'gold' }, DEFAULT_TIERS)).toThrow(/gold/);
  });
});

describe('community seats', () => {
  it('reads a seat and lists the longest waiting first', () => {
    const a = seatRow('a', { email: 'a@x.test', state: 'to-deactivate', updatedAt: new Date('2027-02-01T00:00:00Z') });
    const b = seatRow('b', { email: 'b@x.test', state: 'to-deactivate', updatedAt: new Date('2027-01-01T00:00:00Z') });
    const c = seatRow('c', { email: 'c@x.test', state: 'bogus' });
    expect(c).toEqual({ uid: 'c', email: 'c@x.test', state: null, updatedAt: null, doneBy: '' });
    expect(sortSeats([a, c, b]).map((r) => r.uid)).toEqual(['b', 'a', 'c']);
  });
});
