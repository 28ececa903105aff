// Admin work on members: the member list (cursor pages), the aggregate summary, and complimentary
// plans through the callables (only functions write plans and claims).
import type { QueryDocumentSnapshot } from 'firebase/firestore';
import { isDisputeOpen, type DisputeRecord } from '@shared/billing';
import { MEMBERS } from '@shared/members';
import { matchesMemberSearch, memberSearchKey, MEMBER_SEARCH_FIELD } from '@shared/member-search';
import { pageOf, type PageSource } from '@/composables/usePagedQuery';
import type { SubscriptionView } from '@/lib/billing';
import { callFunction } from '@/lib/firebase';
import { fullFirestore } from '@/composables/live-sources';
import { memberView, type StoredMember } from '@/lib/member';

export interface MemberRow {
  uid: string;
  email: string;
  name: string;
  /** Null until functions set it (shortly after sign-up). */
  tier: string | null;
  admin: boolean;
  grant: { tier: string; endsAt: Date | null } | null;
  /** The Stripe subscription as last synced (also an ended one); null when they never subscribed. */
  subscription: SubscriptionView | null;
  /** Monthly recurring revenue from this member, smallest currency unit. */
  mrr: number;
  /** The member's latest card dispute (chargeback); `open` while the bank has not decided. */
  dispute: { status: string; amount: number; currency: string; reason: string; open: boolean } | null;
}

/** Members per tier and the total MRR, computed by Firestore aggregation queries (no member is downloaded). */
export interface MembersSummary {
  total: number;
  byTier: { tier: string; count: number }[];
  mrr: number;
}

function memberRow(uid: string, data: StoredMember): MemberRow {
  const { email, name, tier, admin, grant, subscription } = memberView(data, '');
  const mrr = typeof data.mrr === 'number' && Number.isFinite(data.mrr) ? data.mrr : 0;
  return { uid, email, name, tier, admin, grant, subscription, mrr, dispute: disputeOf(data.dispute) };
}

function disputeOf(raw: unknown): MemberRow['dispute'] {
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Partial<DisputeRecord>;
  if (typeof d.status !== 'string') return null;
  return {
    status: d.status,
    amount: typeof d.amount === 'number' ? d.amount : 0,
    currency: typeof d.currency === 'string' ? d.currency : 'eur',
    reason: typeof d.reason === 'string' ? d.reason : '',
    open: isDisputeOpen({ status: d.status }),
  };
}

/**
 * Members by email, `pageSize` at a time; with `disputes`, only members with a dispute, newest first
 * (ordering by `dispute.openedAt` leaves out documents without it). With `search`, members whose address
 * starts with it or whose name has a word starting with it (case and accents ignored): one `array-contains`
 * on `searchKeys` ordered by email (`shared/member-search.ts`); the page is then narrowed by the rest of a
 * many-word search and by the dispute filter.
 */
export function memberPages(
  pageSize = 50,
  filter: { disputes?: boolean; search?: string } = {},
): PageSource<MemberRow, QueryDocumentSnapshot> {
  const key = filter.search ? memberSearchKey(filter.search) : null;
  return async (after) => {
    const [{ collection, getDocs, limit, orderBy, query, startAfter, where }, db] = await fullFirestore();
    const order = key
      ? [where(MEMBER_SEARCH_FIELD, 'array-contains', key), orderBy('email')]
      : [filter.disputes ? orderBy('dispute.openedAt', 'desc') : orderBy('email')];
    const constraints = [...order, ...(after ? [startAfter(after)] : []), limit(pageSize + 1)];
    const snap = await getDocs(query(collection(db, MEMBERS), ...constraints));
    const page = pageOf(snap.docs, pageSize, (d) => memberRow(d.id, d.data()));
    if (!key || !filter.search) return page;
    const search = filter.search;
    const items = page.items.filter((m) => matchesMemberSearch(m, search) && (!filter.disputes || m.dispute));
    return { ...page, items };
  };
}

/** One count query per tier and one sum over `mrr` (each billed as about one read per 1000 members). */
export async function membersSummary(tierIds: string[]): Promise<MembersSummary> {
  const [{ collection, getAggregateFromServer, getCountFromServer, query, sum, where }, db] = await fullFirestore();
  const members = collection(db, MEMBERS);
  // Separate queries: an aggregation with sum() only counts documents that have the summed field.
  const [byTier, total, revenue] = await Promise.all([
    Promise.all(
      tierIds.map(async (tier) => ({
        tier,
        count: (await getCountFromServer(query(members, where('tier', '==', tier)))).data().count,
      })),
    ),
    getCountFromServer(members),
    getAggregateFromServer(members, { mrr: sum('mrr') }),
  ]);
  return { total: total.data().count, byTier, mrr: Number(revenue.data().mrr) || 0 };
}

/** `endsAt`: an ISO date (`2027-01-31`) or null for no end. */
export const grantComplimentary = (req: { email: string; tier: string; endsAt: string | null; note?: string }) =>
  callFunction('grantComplimentary', req);

export const revokeComplimentary = (uid: string) => callFunction('revokeComplimentary', { uid });

/** Deletes a member's account (never the admin's own: that is the account page's). */
export const deleteMember = (uid: string) => callFunction('deleteMember', { uid });
