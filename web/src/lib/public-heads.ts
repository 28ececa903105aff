// The head of each public page: what link previews show and the schema.org structured data search
// engines read. Teaser fields only, like everything rendered on the server.
import { SITE_DESCRIPTION, SITE_NAME, type PublicTeaser } from '@shared/public-pages';
import { lowestTier, PUBLIC_RANK, type Tier, type TiersConfig } from '@shared/tiers';
import { eventPath, isoInZone, lowestPlanFor, spotsLeft, type EventView } from './events';
import { priceAmount } from './format';
import { DEFAULT_CARD_IMAGE, type PageHead } from './page-head';
import { chapterSpans, isoDuration } from './recording';

type Teaser = Omit<PublicTeaser<{ toDate(): Date }>, 'id'>;

export const materialPath = (id: string) => `/materials/${encodeURIComponent(id)}`;

/** An `Article`; a paid one says so with `isAccessibleForFree: false` and marks its body as the paywalled part. */
export function materialHead(origin: string, id: string, teaser: Teaser): PageHead {
  if (teaser.kind === 'recording') return recordingHead(origin, id, teaser);
  const free = teaser.rank === PUBLIC_RANK;
  return {
    title: teaser.title,
    description: teaser.summary,
    path: materialPath(id),
    type: 'article',
    jsonLd: {
      '@type': 'Article',
      headline: teaser.title,
      description: teaser.summary,
      url: `${origin}${materialPath(id)}`,
      ...(teaser.author ? { author: { '@type': 'Person', name: teaser.author } } : {}),
      ...(teaser.publishedAt ? { datePublished: teaser.publishedAt.toDate().toISOString() } : {}),
      dateModified: teaser.updatedAt.toDate().toISOString(),
      keywords: teaser.tags.join(', '),
      isAccessibleForFree: free,
      ...(free ? {} : { hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.prose' } }),
    },
  };
}

/**
 * A recording: a `VideoObject` with its chapters as `Clip`s (deep links `?t=`), and for a paid one the
 * same paywall markup as articles (the player is the paywalled part). Teaser fields only: never the
 * transcript, never a media URL.
 */
export function recordingHead(origin: string, id: string, teaser: Teaser): PageHead {
  const free = teaser.rank === PUBLIC_RANK;
  const url = `${origin}${materialPath(id)}`;
  const clips = chapterSpans(teaser.chapters ?? [], teaser.durationSeconds).map((c) => ({
    '@type': 'Clip',
    name: c.label,
    startOffset: c.at,
    ...(c.end !== null ? { endOffset: c.end } : {}),
    url: `${url}?t=${c.at}`,
  }));
  const paywall = free ? [] : [{ '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.recording' }];
  const hasPart = [...clips, ...paywall];
  return {
    title: teaser.title,
    description: teaser.summary,
    path: materialPath(id),
    type: 'article',
    jsonLd: {
      '@type': 'VideoObject',
      name: teaser.title,
      description: teaser.summary,
      url,
      thumbnailUrl: new URL(DEFAULT_CARD_IMAGE, `${origin}/`).href,
      uploadDate: (teaser.publishedAt ?? teaser.updatedAt).toDate().toISOString(),
      ...(teaser.durationSeconds ? { duration: isoDuration(teaser.durationSeconds) } : {}),
      isAccessibleForFree: free,
      ...(hasPart.length ? { hasPart } : {}),
    },
  };
}

/** The catalog: the `WebSite` and an `ItemList` of the materials on the page. */
export function catalogHead(origin: string, items: (Teaser & { id: string })[]): PageHead {
  return {
    title: 'Catalog',
    description: SITE_DESCRIPTION,
    path: '/',
    jsonLd: {
      '@graph': [
        { '@type': 'WebSite', name: SITE_NAME, url: `${origin}/`, description: SITE_DESCRIPTION },
        {
          '@type': 'ItemList',
          itemListElement: items.map((m, i) => ({
            '@type': 'ListItem',
            position: i + 1,
            url: `${origin}${materialPath(m.id)}`,
            name: m.title,
          })),
        },
      ],
    },
  };
}

/** Pricing: the membership as a `Product` with one `Offer` per plan and interval sold. */
export function pricingHead(origin: string, tiers: Tier[]): PageHead {
  const offers = tiers.flatMap((tier) =>
    (['monthly', 'yearly'] as const).flatMap((interval) => {
      const price = tier.prices?.[interval];
      return price
        ? [
            {
              '@type': 'Offer',
              name: `${tier.name} (${interval})`,
              price: priceAmount(price),
              priceCurrency: price.currency.toUpperCase(),
              url: `${origin}/pricing?plan=${encodeURIComponent(tier.id)}`,
            },
          ]
        : [];
    }),
  );
  return {
    title: 'Pricing',
    description: `${SITE_NAME} plans: ${tiers.map((t) => t.name).join(', ')}. Every plan includes the ones below it.`,
    path: '/pricing',
    jsonLd: { '@type': 'Product', name: `${SITE_NAME} membership`, description: SITE_DESCRIPTION, offers },
  };
}

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
      startDate: isoInZone(event.startAt, event.timeZone),
      endDate: isoInZone(event.endAt, event.timeZone),
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
