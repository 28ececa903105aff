// How a public route declares the data it is rendered from on the server: `meta.serverData`, a function
// that reads through the PublicReader (published teasers and plans only, with the Admin SDK in the `ssr`
// function) into Pinia stores. The stores' state travels in the page, so hydration reads nothing again.
import type { Pinia } from 'pinia';
import type { RouteLocationNormalizedLoaded } from 'vue-router';
import { StoredTime } from '@/lib/stored-time';
import { CATALOG_PAGE_SIZE } from '@shared/materials';
import type { PublicReader, PublicTeaser } from '@shared/public-pages';
import { catalogPage, type CatalogItem } from '@/api/catalog';
import { filtersFromQuery } from '@/lib/catalog-query';
import { useCatalogStore } from '@/stores/catalog';
import { useTeasersStore } from '@/stores/teasers';
import { relatedItem } from '@/api/related';

export interface ServerDataContext {
  route: RouteLocationNormalizedLoaded;
  reader: PublicReader;
  pinia: Pinia;
}

/** Reads a public page's data into its stores before rendering; answers the HTTP status when not 200. */
export type ServerData = (ctx: ServerDataContext) => Promise<number | void>;

/** A teaser off the wire (times in milliseconds) as the views show it (times as `StoredTime`s, like Timestamps). */
export function catalogItem(teaser: PublicTeaser): CatalogItem {
  const time = (ms: number) => StoredTime.fromMillis(ms);
  return {
    ...teaser,
    publishedAt: teaser.publishedAt === null ? null : time(teaser.publishedAt),
    updatedAt: time(teaser.updatedAt),
  };
}

/** The catalog's first page for the filters in the URL. */
export const catalogData: ServerData = async ({ route, reader, pinia }) => {
  const filters = filtersFromQuery(route.query);
  const teasers = await reader.catalog(filters, CATALOG_PAGE_SIZE + 1);
  useCatalogStore(pinia).serve(filters, catalogPage(teasers.map(catalogItem), filters));
};

/** A published material's teaser, and its body only when anyone may read it (access public); 404 when there is none. */
export const materialData: ServerData = async ({ route, reader, pinia }) => {
  const id = String(route.params.id);
  const teaser = await reader.material(id);
  // A recording's body (files, transcript) is read by its player in the browser, like a gated one.
  const [body, related] = await Promise.all([
    teaser?.rank === 0 && teaser.kind !== 'recording' ? reader.publicBody(id) : null,
    teaser ? reader.related(teaser) : [],
  ]);
  useTeasersStore(pinia).serve(id, teaser && catalogItem(teaser), body, related.map(relatedItem));
  return teaser ? 200 : 404;
};

/** Pricing needs only the plans, which every rendered page gets. */
export const plansData: ServerData = async () => {};

/**
 * Events' server data, in a chunk of its own: only the server calls it, so the browser's first route (the
 * catalog) does not carry the calendar's code.
 */
export const calendarData: ServerData = (ctx) => import('./event-server-data').then((m) => m.calendarData(ctx));
export const eventData: ServerData = (ctx) => import('./event-server-data').then((m) => m.eventData(ctx));

/** Courses' server data, in a chunk of its own like the events'. */
export const coursesData: ServerData = (ctx) => import('./course-server-data').then((m) => m.coursesData(ctx));
export const courseData: ServerData = (ctx) => import('./course-server-data').then((m) => m.courseData(ctx));

export const certificateData: ServerData = (ctx) =>
  import('./certificate-server-data').then((m) => m.certificateData(ctx));

/** The showcase and the curated links, in a chunk of their own like the events'. */
const showcaseServer = () => import('./showcase-server-data');
export const showcaseListData: ServerData = (ctx) => showcaseServer().then((m) => m.showcaseListData(ctx));
export const showcaseProjectData: ServerData = (ctx) => showcaseServer().then((m) => m.showcaseProjectData(ctx));
export const linksData: ServerData = (ctx) => showcaseServer().then((m) => m.linksData(ctx));

/** A course's preview unit (courses: learning), in a chunk of its own like the events'. */
export const courseUnitData: ServerData = (ctx) =>
  import('./course-unit-server-data').then((m) => m.courseUnitData(ctx));

/** Polls' server data, in a chunk of its own like the events'. */
export const pollsData: ServerData = (ctx) => import('./poll-server-data').then((m) => m.pollsData(ctx));
export const pollData: ServerData = (ctx) => import('./poll-server-data').then((m) => m.pollData(ctx));
// Find things (issue 15): the search page and the newsletter archive, each in a server-only chunk.
export const searchData: ServerData = (ctx) => import('./search-server-data').then((m) => m.searchData(ctx));
export const newslettersData: ServerData = (ctx) =>
  import('./newsletter-server-data').then((m) => m.newslettersData(ctx));
export const newsletterData: ServerData = (ctx) =>
  import('./newsletter-server-data').then((m) => m.newsletterData(ctx));
