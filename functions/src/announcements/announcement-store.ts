import { logger } from 'firebase-functions';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { AnnouncementChannel } from '../adapters/chat';
import { isAlreadyExists } from '../app/firebase';
import type { Settings } from '../app/settings';
import { readTiers } from '../app/tiers-config';
import { Refusal } from '../domain/refusal';
import {
  ANNOUNCEMENTS,
  type AnnouncementDoc,
  type AnnouncementKind,
  type ChannelDelivery,
  type ChannelState,
} from '../shared/announcements';
import { eventPageUrl } from '../calendar/calendar-feed';
import { eventWhen } from '../calendar/event-time';
import { EVENTS, type EventTeaser } from '../shared/events';
import { accessLabel } from '../shared/tiers';
import { MATERIALS, type MaterialTeaser } from '../shared/materials';

export const MAX_ATTEMPTS = 5;

type Announcement = AnnouncementDoc<Timestamp>;
type Delivery = ChannelDelivery<Timestamp>;

export interface AnnounceDeps {
  db: Firestore;
  channels: AnnouncementChannel[];
  now: () => Date;
  settings: Pick<Settings, 'appUrl'>;
}

const KIND_LABELS: Record<string, string> = {
  article: 'New article',
  tutorial: 'New tutorial',
  example: 'New example',
  download: 'New download',
  link: 'New link',
};

/**
 * Queue the announcement of a published material: the public teaser only (title, summary, plan, link),
 * never the body. One announcement per material (the document id), so announcing twice is refused.
 */
export async function announceMaterial(deps: AnnounceDeps, materialId: string, by: string): Promise<string> {
  requireChannels(deps);
  const teaser = (await deps.db.collection(MATERIALS).doc(materialId).get()).data() as MaterialTeaser | undefined;
  if (!teaser) throw new Refusal('not-found', `No material "${materialId}"`);
  if (teaser.status !== 'published')
    throw new Refusal('failed-precondition', 'Publish the material before announcing it');
  const tiers = await readTiers(deps.db);
  return createAnnouncement(deps, 'material', materialId, by, {
    title: teaser.title,
    summary: teaser.summary,
    url: `${deps.settings.appUrl}/materials/${materialId}`,
    kindLabel: KIND_LABELS[teaser.kind] ?? 'New material',
    accessLabel: accessLabel(tiers, teaser.access),
  });
}

/**
 * Queue the announcement of a published event that has not started: its teaser, its time in its zone
 * and its page (never the join details). One announcement per event, like materials.
 */
export async function announceEvent(deps: AnnounceDeps, eventId: string, by: string): Promise<string> {
  requireChannels(deps);
  const teaser = (await deps.db.collection(EVENTS).doc(eventId).get()).data() as EventTeaser<Timestamp> | undefined;
  if (!teaser) throw new Refusal('not-found', `No event "${eventId}"`);
  if (teaser.status !== 'published') throw new Refusal('failed-precondition', 'Publish the event before announcing it');
  if (teaser.startAt.toMillis() <= deps.now().getTime())
    throw new Refusal('failed-precondition', 'The event has started already');
  const tiers = await readTiers(deps.db);
  const when = eventWhen(teaser.startAt.toDate(), teaser.endAt.toDate(), teaser.timeZone);
  return createAnnouncement(deps, 'event', eventId, by, {
    title: teaser.title,
    summary: `${when}${teaser.place ? ` · ${teaser.place}` : ''}\n${teaser.summary}`,
    url: eventPageUrl(deps.settings.appUrl, eventId),
    kindLabel: 'New event',
    accessLabel: accessLabel(tiers, teaser.access),
  });
}

function requireChannels(deps: AnnounceDeps): void {
  if (deps.channels.length === 0)
    throw new Refusal('failed-precondition', 'No Slack or Telegram channel is configured');
}

type Teaser = Pick<Announcement, 'title' | 'summary' | 'url' | 'kindLabel' | 'accessLabel'>;

/** Creates `announcements/{kind}_{refId}` once, with one pending entry per configured channel. */
async function createAnnouncement(
  deps: AnnounceDeps,
  kind: AnnouncementKind,
  refId: string,
  by: string,
  teaser: Teaser,
): Promise<string> {
  const id = `${kind}_${refId}`;
  const doc: Announcement = {
    kind,
    refId,
    ...teaser,
    channels: Object.fromEntries(
      deps.channels.map((c) => [c.name, { state: 'pending', attempts: 0, error: null, sentAt: null }]),
    ),
    pending: true,
    createdBy: by,
    createdAt: Timestamp.fromDate(deps.now()),
  };
  try {
    await deps.db.collection(ANNOUNCEMENTS).doc(id).create(doc);
  } catch (err) {
    if (isAlreadyExists(err)) throw new Refusal('already-exists', `This ${kind} was already announced`);
    throw err;
  }
  return id;
}

/**
 * Post a queued announcement to each channel still pending. Retryable failures (network, 429, 5xx) stay
 * pending and make this throw, so the trigger retries; after MAX_ATTEMPTS, or on a permanent refusal,
 * the channel is failed with the reason for the admin to see (and retry by hand).
 */
export async function deliverAnnouncement(deps: AnnounceDeps, id: string): Promise<Record<string, ChannelState>> {
  const ref = deps.db.collection(ANNOUNCEMENTS).doc(id);
  const doc = (await ref.get()).data() as Announcement | undefined;
  if (!doc?.channels) return {};
  const result: Record<string, ChannelState> = {};
  let retry = false;
  for (const channel of deps.channels) {
    const current = doc.channels[channel.name];
    if (!current || current.state !== 'pending') {
      if (current) result[channel.name] = current.state;
      continue;
    }
    const attempts = current.attempts + 1;
    const posted = await channel.post(doc);
    let next: Delivery;
    if (posted.ok) next = { state: 'sent', attempts, error: null, sentAt: Timestamp.fromDate(deps.now()) };
    else {
      const again = posted.retryable && attempts < MAX_ATTEMPTS;
      retry ||= again;
      next = { state: again ? 'pending' : 'failed', attempts, error: posted.error, sentAt: null };
    }
    await ref.update({ [`channels.${channel.name}`]: next });
    result[channel.name] = next.state;
  }
  await ref.update({ pending: retry });
  if (retry) throw new Error(`Announcement ${id}: a channel failed and will be retried`);
  return result;
}

/** The minute job: announcements with a channel still pending (a retry the trigger did not get to). */
export async function retryPendingAnnouncements(deps: AnnounceDeps): Promise<number> {
  const pending = await deps.db.collection(ANNOUNCEMENTS).where('pending', '==', true).limit(50).get();
  for (const doc of pending.docs) {
    // One announcement failing again must not hold up the others; the next minute tries it again.
    await deliverAnnouncement(deps, doc.id).catch((err: unknown) =>
      logger.warn(`announcement ${doc.id}: retry failed`, err),
    );
  }
  return pending.size;
}

/** Admin: put failed channels back in the queue and try them now. */
export async function retryAnnouncement(deps: AnnounceDeps, id: string) {
  const ref = deps.db.collection(ANNOUNCEMENTS).doc(id);
  const doc = (await ref.get()).data() as Announcement | undefined;
  if (!doc) throw new Refusal('not-found', 'No such announcement');
  const failed = Object.entries(doc.channels).filter(([, c]) => c.state === 'failed');
  if (failed.length === 0) throw new Refusal('failed-precondition', 'Nothing failed');
  await ref.update({
    pending: true,
    ...Object.fromEntries(failed.map(([name, c]) => [`channels.${name}`, { ...c, state: 'pending', attempts: 0 }])),
  });
  // A channel still failing stays pending for the trigger's and the minute job's retries.
  return deliverAnnouncement(deps, id).catch((err: unknown) => {
    logger.warn(`announcement ${id}: retried now, still pending`, err);
    return { retrying: 'pending' as const };
  });
}
