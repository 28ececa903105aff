import type { DocumentReference, Firestore, Timestamp } from 'firebase-admin/firestore';
import { dateOf } from '../app/firebase';
import {
  EVENTS,
  EVENT_CHANGES,
  EVENT_GATED,
  EVENT_JOIN,
  EVENT_PRIVATE,
  EVENT_SOURCE,
  REGISTRATIONS,
  type EventJoin,
  type EventTeaser,
} from '../shared/events';

/** The references of one event's documents. */
export function eventRefs(db: Firestore, id: string) {
  const teaser = db.collection(EVENTS).doc(id);
  return {
    teaser,
    join: teaser.collection(EVENT_GATED).doc(EVENT_JOIN),
    source: teaser.collection(EVENT_PRIVATE).doc(EVENT_SOURCE),
    change: (sequence: number) => teaser.collection(EVENT_CHANGES).doc(String(sequence)),
    registration: (uid: string) => teaser.collection(REGISTRATIONS).doc(uid),
    registrations: teaser.collection(REGISTRATIONS),
  };
}

export type EventRefs = ReturnType<typeof eventRefs>;

/** A stored teaser with its instants as Dates, as the domain reads it. */
export function teaserOf(data: EventTeaser<Timestamp>): EventTeaser<Date> {
  return {
    ...data,
    startAt: dateOf(data.startAt),
    endAt: dateOf(data.endAt),
    publishedAt: data.publishedAt === null ? null : dateOf(data.publishedAt),
    updatedAt: dateOf(data.updatedAt),
  };
}

export function joinOf(data: EventJoin<Timestamp>): EventJoin<Date> {
  return { ...data, opensAt: dateOf(data.opensAt) };
}

export type Ref = DocumentReference;
