// The heads of the calendar and event pages, apart from public-heads.ts so the catalog's first route does
// not carry the events' view model.
import { SITE_NAME } from '@shared/public-pages';
import { lowestTier, PUBLIC_RANK, type TiersConfig } from '@shared/tiers';
import { eventPath, lowestPlanFor, spotsLeft, type EventView } from './events';
import { priceAmount } from './format';
import { DEFAULT_CARD_IMAGE, type PageHead } from './page-head';

const SCHEMA = 'https://schema.org/';

/**
 * An `Event`: times with the offset of the event's zone, status, attendance mode, where (the event page as the
 * virtual location: never the join URL, which a public page does not have), the community as organizer, and
 * what taking part costs: free, or the lowest plan that may join.
 */
export function eventHead(origin: string, event: EventView, tiers: TiersConfig): PageHead {
  const url = `${origin}${eventPath(event.id)}`;
  const free = event.rank === PUBLIC_RANK || event.rank <= lowestTier(tiers).rank;
  const plan = lowestPlanFor(tiers, event);
  const price = plan?.prices?.monthly;
  const left = spotsLeft(event);
  const availability = left === 0 ? 'SoldOut' : left !== null && left <= 5 ? 'LimitedAvailability' : 'InStock';
  const offer = free
    ? { '@type': 'Offer', price: 0, priceCurrency: price?.currency.toUpperCase() ?? 'EUR', url }
    : price && plan
      ? {
          '@type': 'Offer',
          name: `${plan.name} membership (monthly)`,
          price: priceAmount(price),
          priceCurrency: price.currency.toUpperCase(),
          url: `${origin}/pricing?plan=${encodeURIComponent(plan.id)}`,
        }
      : null;
  const online = event.kind !== 'in-person';
  return {
    title: event.title,
    description: event.summary,
    path: eventPath(event.id),
    jsonLd: {
      '@type': 'Event',
      name: event.title,
      description: event.summary,
      url,
      image: new URL(DEFAULT_CARD_IMAGE, `${origin}/`).href,
      startDate: event.clock.start,
      endDate: event.clock.end,
      eventStatus: `${SCHEMA}${event.status === 'cancelled' ? 'EventCancelled' : 'EventScheduled'}`,
      eventAttendanceMode: `${SCHEMA}${online ? 'OnlineEventAttendanceMode' : 'OfflineEventAttendanceMode'}`,
      location: online
        ? { '@type': 'VirtualLocation', url }
        : { '@type': 'Place', name: event.place ?? 'To be announced', address: event.place ?? 'To be announced' },
      organizer: { '@type': 'Organization', name: SITE_NAME, url: `${origin}/` },
      isAccessibleForFree: free,
      ...(offer
        ? {
            offers: {
              ...offer,
              availability: `${SCHEMA}${availability}`,
              ...(event.publishedAt ? { validFrom: event.publishedAt.toISOString() } : {}),
            },
          }
        : {}),
    },
  };
}

/** The calendar: an `ItemList` of the events on the page, in order. */
export function calendarHead(origin: string, events: { id: string; title: string }[]): PageHead {
  return {
    title: 'Events',
    description: `Live sessions, office hours and meetups of ${SITE_NAME}: what is coming up and what happened.`,
    path: '/events',
    jsonLd: {
      '@type': 'ItemList',
      name: `${SITE_NAME} events`,
      itemListElement: events.map((e, i) => ({
        '@type': 'ListItem',
        position: i + 1,
        url: `${origin}${eventPath(e.id)}`,
        name: e.title,
      })),
    },
  };
}
