// Producers of broadcasts: each watches one collection and pushes an entry into the tier feeds when a
// document becomes news (published, opened). Idempotent (the feed keeps one entry per key) and retried.
import {
  onDocumentWritten,
  type Change,
  type DocumentSnapshot,
  type FirestoreEvent,
} from 'firebase-functions/v2/firestore';
import { deps } from '../app/deps';
import { courseNews, eventNews, materialNews, pollNews, type BroadcastItem } from '../domain/notification-feed';
import { COURSES } from '../shared/courses';
import { EVENTS } from '../shared/events';
import { MATERIALS } from '../shared/materials';
import { POLLS } from '../shared/polls';
import { broadcast } from './notification-store';

type WriteEvent = FirestoreEvent<Change<DocumentSnapshot> | undefined, Record<string, string>>;
type Side = Record<string, unknown> | undefined;

/** A trigger that broadcasts what `news` finds in a write (before, after), if anything. */
const producer = (document: string, news: (id: string, before: Side, after: Side) => BroadcastItem | null) =>
  onDocumentWritten({ document, retry: true }, async (event: WriteEvent) => {
    const item = news(event.params.id!, event.data?.before.data(), event.data?.after.data());
    if (item) await broadcast(deps(), item);
  });

/** A material (any kind; recordings as `recording`) became published. */
export const notifyOnMaterial = producer(`${MATERIALS}/{id}`, materialNews);

/** An event that has not ended became published. */
export const notifyOnEvent = producer(`${EVENTS}/{id}`, (id, before, after) =>
  eventNews(id, before, after, deps().now()),
);

/** A course became published (one entry for the whole course) or a published course gained units. */
export const notifyOnCourse = producer(`${COURSES}/{id}`, courseNews);

/** A poll opened. */
export const notifyOnPoll = producer(`${POLLS}/{id}`, pollNews);
