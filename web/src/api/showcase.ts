// The project showcase: approved projects read under the rules (through the same public field list as the server,
// `publicShowcaseProject`) when the server did not render the page; the member's own submissions and the admin
// queue live; every write through a callable.
import type { Timestamp } from 'firebase/firestore/lite';
import type { CallableRequest } from '@shared/callables';
import { CONFIG } from '@shared/members';
import {
  SHOWCASE,
  SHOWCASE_CONFIG_DOC,
  SHOWCASE_GATED,
  SHOWCASE_LINKS,
  SHOWCASE_PAGE_SIZE,
  type ShowcaseConfig,
  type ShowcaseLinks,
  type ShowcaseProject,
} from '@shared/showcase';
import {
  publicShowcaseLinks,
  publicShowcaseProject,
  type PublicShowcasePage,
  type PublicShowcaseProject,
} from '@shared/public-showcase';
import { liveDoc, liveQuery } from '@/composables/live-sources';
import { callFunction, isPermissionDenied, firestoreLite } from '@/lib/firebase';

const ms = (t: Timestamp) => t.toMillis();

/** A stored project with its id (the member's and the admin's views show every field). */
export type ShowcaseItem = ShowcaseProject<Timestamp> & { id: string };

/** The newest approved projects. */
export async function readShowcase(): Promise<PublicShowcaseProject[]> {
  const [sdk, db] = await firestoreLite();
  const snap = await sdk.getDocs(
    sdk.query(
      sdk.collection(db, SHOWCASE),
      sdk.where('status', '==', 'approved'),
      sdk.orderBy('approvedAt', 'desc'),
      sdk.limit(SHOWCASE_PAGE_SIZE),
    ),
  );
  return snap.docs.map((d) => publicShowcaseProject(d.id, d.data() as ShowcaseProject<Timestamp>, ms));
}

/** An approved project (null for any other), with its links when it is public. */
export async function readShowcasePage(id: string): Promise<PublicShowcasePage | null> {
  const [sdk, db] = await firestoreLite();
  let data: ShowcaseProject<Timestamp> | undefined;
  try {
    data = (await sdk.getDoc(sdk.doc(db, SHOWCASE, id))).data() as ShowcaseProject<Timestamp> | undefined;
  } catch (err) {
    if (isPermissionDenied(err)) return null;
    throw err;
  }
  if (data?.status !== 'approved') return null;
  const links = data.rank === 0 ? await readShowcaseLinks(id) : null;
  return { project: publicShowcaseProject(id, data, ms), links };
}

/** A project's repository and demo when the reader may see them (rank, author, admin); null when refused. */
export async function readShowcaseLinks(id: string): Promise<PublicShowcasePage['links']> {
  const [sdk, db] = await firestoreLite();
  try {
    const data = (await sdk.getDoc(sdk.doc(db, SHOWCASE, id, SHOWCASE_GATED, SHOWCASE_LINKS))).data();
    return data ? publicShowcaseLinks(data as ShowcaseLinks) : null;
  } catch (err) {
    if (isPermissionDenied(err)) return null;
    throw err;
  }
}

/** The access level that may submit as `config/showcase` stores it; null when unset (see `showcaseLevel`). */
export async function readShowcaseAccess(): Promise<string | null> {
  const [sdk, db] = await firestoreLite();
  const data = (await sdk.getDoc(sdk.doc(db, CONFIG, SHOWCASE_CONFIG_DOC))).data() as ShowcaseConfig | undefined;
  return data?.access || null;
}

const item = (id: string, data: unknown) => ({ ...(data as ShowcaseProject<Timestamp>), id });

/** The member's own submissions, newest first (sorted here: one equality query, no index). */
export const mySubmissionsSource = (uid: string) =>
  liveQuery((sdk, fs) => sdk.query(sdk.collection(fs, SHOWCASE), sdk.where('uid', '==', uid)), item);

/** The admin's queue: pending submissions, oldest first. */
export const pendingShowcaseSource = () =>
  liveQuery(
    (sdk, fs) =>
      sdk.query(sdk.collection(fs, SHOWCASE), sdk.where('status', '==', 'pending'), sdk.orderBy('submittedAt', 'asc')),
    item,
  );

/** The links of a submission the admin reviews or the member edits. */
export const showcaseLinksSource = (id: string) =>
  liveDoc(
    (sdk, fs) => sdk.doc(fs, SHOWCASE, id, SHOWCASE_GATED, SHOWCASE_LINKS),
    (_id, data) => data as ShowcaseLinks,
  );

export const submitShowcaseProject = (input: CallableRequest<'submitShowcaseProject'>) =>
  callFunction('submitShowcaseProject', input);
export const withdrawShowcaseProject = (id: string) => callFunction('withdrawShowcaseProject', { id });
export const moderateShowcaseProject = (input: CallableRequest<'moderateShowcaseProject'>) =>
  callFunction('moderateShowcaseProject', input);
