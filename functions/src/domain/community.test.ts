import { describe, expect, it } from 'vitest';
import type { CommunityState } from '../shared/community';
import { communityActionDone, communityTransition } from './community';

const MAIN = 30;

describe('communityTransition', () => {
  it.each<[string, CommunityState | null, number, number, ReturnType<typeof communityTransition>]>([
    ['purchase of main: invited and emailed', null, 10, 30, { state: 'invited', invite: true }],
    ['purchase of premium: invited', null, 20, 40, { state: 'invited', invite: true }],
    ['basic purchase: below the community', null, 10, 20, null],
    ['upgrade main -> premium: no change', 'active', 30, 40, null],
    ['period ends: to deactivate', 'active', 30, 10, { state: 'to-deactivate', invite: false }],
    ['period ends before joining: to deactivate', 'invited', 40, 20, { state: 'to-deactivate', invite: false }],
    ['resubscribe before anyone acted: active again', 'to-deactivate', 10, 30, { state: 'active', invite: false }],
    ['resubscribe after deactivation: to reactivate', 'deactivated', 10, 30, { state: 'to-reactivate', invite: false }],
    [
      'lapses again before reactivation: stays deactivated',
      'to-reactivate',
      30,
      10,
      { state: 'deactivated', invite: false },
    ],
    ['already deactivated, drops further: nothing', 'deactivated', 20, 10, null],
  ])('%s', (_label, current, before, after, expected) => {
    expect(communityTransition(current, before, after, MAIN)).toEqual(expected);
  });
});

describe('communityActionDone', () => {
  it('completes the pending action only', () => {
    expect(communityActionDone('to-deactivate')).toBe('deactivated');
    expect(communityActionDone('to-reactivate')).toBe('active');
    expect(communityActionDone('active')).toBeNull();
  });
});
