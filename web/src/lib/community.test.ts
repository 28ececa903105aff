import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '@shared/defaults';
import { type TiersConfig } from '@shared/tiers';
import {
  communityForm,
  communityFormToDocs,
  communityLevelOf,
  communityLinksOf,
  communityUpsell,
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
  it('reads the stored level and links and refuses something else', () => {
    expect(communityLevelOf(stored)).toEqual({ access: 'main', rank: 30 });
    expect(communityLinksOf(stored)).toEqual(stored);
    expect(communityLinksOf({ access: 'main', rank: 30 })).toMatchObject({
      slackInviteUrl: '',
      telegramInviteUrl: '',
    });
    expect(communityLevelOf({ access: 'main' })).toBeNull();
    expect(communityLinksOf({ rank: 30, slackInviteUrl: stored.slackInviteUrl })).toBeNull();
    expect(communityLevelOf(undefined)).toBeNull();
  });

  it('makes links of https URLs only (httpsUrl, @shared/urls)', () => {
    expect(inviteLinks(communityLinksOf(stored))).toEqual({ slack: stored.slackInviteUrl, telegram: null });
    expect(
      inviteLinks({ ...stored, slackInviteUrl: 'javascript:alert(1)', telegramInviteUrl: ' https://t.me/x ' }),
    ).toEqual({ slack: null, telegram: 'https://t.me/x' });
    expect(inviteLinks(null)).toEqual({ slack: null, telegram: null });
  });
});

describe('community upsell', () => {
  const level = { access: 'main', rank: 30 };

  it('offers the lowest plan that reaches the level, only to readers below it', () => {
    expect(communityUpsell(DEFAULT_TIERS, level, 20)?.id).toBe('main');
    expect(communityUpsell(DEFAULT_TIERS, level, 10)?.name).toBe('Main');
    expect(communityUpsell(DEFAULT_TIERS, level, 30)).toBeUndefined();
    expect(communityUpsell(DEFAULT_TIERS, level, 40)).toBeUndefined();
    expect(communityUpsell(DEFAULT_TIERS, null, 10)).toBeUndefined();
  });

  it('follows the tiers data, and offers nothing when no plan reaches the level', () => {
    const moved: TiersConfig = {
      tiers: { ...DEFAULT_TIERS.tiers, pro: { name: 'Pro', rank: 35, benefits: [] } },
    };
    expect(communityUpsell(moved, { access: 'pro', rank: 35 }, 30)?.id).toBe('pro');
    expect(communityUpsell(moved, { access: 'x', rank: 33 }, 20)?.id).toBe('pro');
    const none: TiersConfig = { tiers: { free: DEFAULT_TIERS.tiers.free!, basic: DEFAULT_TIERS.tiers.basic! } };
    expect(communityUpsell(none, level, 10)).toBeUndefined();
  });
});

describe('community form', () => {
  it('starts from the stored links, the level alone, or nothing', () => {
    expect(communityForm(null)).toEqual({ access: '', slackInviteUrl: '', telegramInviteUrl: '' });
    expect(communityForm(communityLevelOf(stored))).toEqual({
      access: 'main',
      slackInviteUrl: '',
      telegramInviteUrl: '',
    });
    expect(communityForm(communityLinksOf(stored))).toEqual({
      access: 'main',
      slackInviteUrl: stored.slackInviteUrl,
      telegramInviteUrl: '',
    });
  });

  it('asks for a known plan and https links', () => {
    expect(validateCommunityForm(communityForm(communityLinksOf(stored)), DEFAULT_TIERS)).toEqual({});
    expect(validateCommunityForm(communityForm(null), DEFAULT_TIERS)).toEqual({ access: 'Choose a plan' });
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

  it('writes the level and the links with the same plan and its rank, and exactly the allowed keys', () => {
    const { level, links } = communityFormToDocs(
      { access: 'premium', slackInviteUrl: ' https://join.slack.com/x ', telegramInviteUrl: '' },
      DEFAULT_TIERS,
    );
    expect(level).toEqual({ access: 'premium', rank: 40 });
    expect(links).toEqual({
      access: 'premium',
      rank: 40,
      slackInviteUrl: 'https://join.slack.com/x',
      telegramInviteUrl: '',
    });
    expect(Object.keys(links).sort()).toEqual(['access', 'rank', 'slackInviteUrl', 'telegramInviteUrl']);
    expect(() => communityFormToDocs({ ...communityForm(null), access: 'gold' }, DEFAULT_TIERS)).toThrow(/gold/);
  });
});

describe('community seats', () => {
  it('reads a seat and lists the longest waiting first', () => {
    const a = seatRow('a', { email: 'a@x.test', state: 'to-deactivate', updatedAt: new Date('2027-02-01T00:00:00Z') });
    const b = seatRow('b', { email: 'b@x.test', state: 'to-deactivate', updatedAt: new Date('2027-01-01T00:00:00Z') });
    const c = seatRow('c', { email: 'c@x.test', state: 'bogus' } as unknown as Parameters<typeof seatRow>[1]);
    expect(c).toEqual({ uid: 'c', email: 'c@x.test', state: null, updatedAt: null, doneBy: '' });
    expect(sortSeats([a, c, b]).map((r) => r.uid)).toEqual(['b', 'a', 'c']);
  });
});
