import type { Firestore } from 'firebase-admin/firestore';
import { localOf } from '../domain/events';
import { cancelEvent, createEvents } from '../events/event-store';
import { registerForEvent } from '../events/registration-store';
import type { EventInput } from '../shared/event-schema';
import { EVENTS, type RepeatEvery } from '../shared/events';
import { DEFAULT_TIERS } from '../shared/defaults';
import { rankOf } from '../shared/tiers';

const ZONE = 'Europe/Berlin';
const DAY_MS = 86_400_000;

/** A demo event `days` from the seed's now, at `time` Berlin wall-clock time. */
interface SeedEvent {
  ids: string[];
  days: number;
  time: string;
  minutes: number;
  input: Omit<EventInput, 'start' | 'end' | 'timeZone'>;
  repeat?: { every: RepeatEvery; count: number };
  cancel?: boolean;
  /** Demo members (uid and tier) registered in this order. */
  registrations?: Array<[string, string]>;
}

const base = {
  status: 'published',
  joinWindowMinutes: 15,
  capacity: null,
  place: null,
  joinUrl: null,
  details: '',
} as const;

export const SEED_EVENTS: SeedEvent[] = [
  {
    ids: ['demo-community-call'],
    days: 5,
    time: '18:00',
    minutes: 60,
    input: {
      ...base,
      title: 'Community call',
      summary: 'What we shipped this month, what comes next, and your questions. Open to everyone.',
      description: 'A monthly hour together:\n\n1. News from the community\n2. A member demo\n3. Open questions',
      kind: 'link',
      access: 'public',
      joinUrl: 'https://meet.example.com/commons-community-call',
      details: 'Join from the browser; no account needed for the call itself.',
    },
    registrations: [
      ['demo-free', 'free'],
      ['demo-basic', 'basic'],
    ],
  },
  {
    ids: ['demo-dbt-workshop'],
    days: 2,
    time: '17:00',
    minutes: 90,
    input: {
      ...base,
      title: 'Workshop: testing dbt models',
      summary: 'Hands-on: generic and singular tests, unit tests for models, and CI that catches broken joins.',
      description: 'Bring a laptop with **dbt 1.8+**. We work on the sample orders project from the materials.',
      kind: 'zoom',
      access: 'main',
      capacity: 2,
      details: 'Clone the sample project before we start. The recording is published for Main and Premium.',
    },
    registrations: [
      ['demo-main', 'main'],
      ['demo-premium', 'premium'],
    ],
  },
  {
    ids: ['demo-premium-ama'],
    days: 9,
    time: '19:00',
    minutes: 60,
    input: {
      ...base,
      title: 'Premium AMA: careers in analytics engineering',
      summary: 'Ask anything about moving into analytics engineering, interviews and salaries.',
      description: 'Questions can be sent in advance in the community.',
      kind: 'zoom',
      access: 'premium',
      capacity: 30,
    },
    registrations: [['demo-premium', 'premium']],
  },
  {
    ids: ['demo-past-meetup'],
    days: -10,
    time: '18:30',
    minutes: 120,
    input: {
      ...base,
      title: 'Berlin data meetup',
      summary: 'Talks and drinks with the Berlin members.',
      description: 'Two short talks, then drinks.',
      kind: 'in-person',
      access: 'free',
      place: 'Berlin',
      details: 'Hallesches Ufer 1, 2nd floor. Ring "Commons".',
    },
  },
  {
    ids: ['demo-cancelled-clinic'],
    days: 12,
    time: '16:00',
    minutes: 60,
    input: {
      ...base,
      title: 'SQL clinic',
      summary: 'Bring a slow query, leave with a fast one.',
      description: 'Postponed: a new date follows.',
      kind: 'link',
      access: 'basic',
      joinUrl: 'https://meet.example.com/sql-clinic',
    },
    cancel: true,
  },
  {
    ids: [1, 2, 3, 4].map((n) => `demo-office-hours-${n}`),
    days: 3,
    time: '12:00',
    minutes: 45,
    input: {
      ...base,
      title: 'Office hours',
      summary: 'A weekly drop-in for questions about your models, queries and dashboards.',
      description: 'Drop in any time during the slot.',
      kind: 'link',
      access: 'free',
      joinUrl: 'https://meet.example.com/commons-office-hours',
    },
    repeat: { every: 'week', count: 4 },
    registrations: [['demo-free', 'free']],
  },
];

/**
 * The demo events, through the same store functions as the admin's editor (so the same derivation: instants
 * from Berlin wall times, series, change log), relative to `now`. Each is created once: an event already
 * there is kept as it is. Returns how many seed entries were created.
 */
export async function seedEvents(db: Firestore, now: Date): Promise<number> {
  const deps = { db, now: () => now };
  let created = 0;
  for (const entry of SEED_EVENTS) {
    if ((await db.collection(EVENTS).doc(entry.ids[0]!).get()).exists) continue;
    const day = localOf(new Date(now.getTime() + entry.days * DAY_MS), ZONE).slice(0, 10);
    const start = `${day}T${entry.time}`;
    const startAt = new Date(`${start}:00Z`);
    const end = localOf(new Date(startAt.getTime() + entry.minutes * 60_000), 'UTC');
    await createEvents(deps, { ...entry.input, start, end, timeZone: ZONE }, entry.repeat ?? null, entry.ids);
    for (const [uid, tier] of entry.registrations ?? []) {
      const claims = { tier, rank: rankOf(DEFAULT_TIERS, tier) };
      await registerForEvent(deps, entry.ids[0]!, uid, claims, DEFAULT_TIERS);
    }
    if (entry.cancel) await cancelEvent(deps, entry.ids[0]!, false);
    created++;
  }
  return created;
}
