// Related materials when the server did not render the page (a navigation inside the app): the same one query as
// `PublicReader.related` (published teasers sharing a tag, newest first) and the same choice (`pickRelated`).
import type { Timestamp } from 'firebase/firestore/lite';
import { MATERIALS, type MaterialTeaser } from '@shared/materials';
import { publicTeaser, type PublicTeaser } from '@shared/public-pages';
import { pickRelated, RELATED_CANDIDATES, RELATED_TAGS } from '@shared/related';
import { firestoreLite } from '@/lib/firebase';

/** What a related card shows. */
export type RelatedItem = Pick<PublicTeaser, 'id' | 'kind' | 'title' | 'summary' | 'access' | 'rank'>;

export const relatedItem = ({ id, kind, title, summary, access, rank }: RelatedItem): RelatedItem => ({
  id,
  kind,
  title,
  summary,
  access,
  rank,
});

export async function readRelated(material: Pick<PublicTeaser, 'id' | 'tags'>): Promise<RelatedItem[]> {
  const [sdk, db] = await firestoreLite();
  const tags = material.tags.slice(0, RELATED_TAGS);
  if (!tags.length) return [];
  const snap = await sdk.getDocs(
    sdk.query(
      sdk.collection(db, MATERIALS),
      sdk.where('status', '==', 'published'),
      sdk.where('tags', 'array-contains-any', tags),
      sdk.orderBy('publishedAt', 'desc'),
      sdk.limit(RELATED_CANDIDATES),
    ),
  );
  const teasers = snap.docs.map((d) => publicTeaser(d.id, d.data() as MaterialTeaser<Timestamp>, (t) => t.toMillis()));
  return pickRelated(material, teasers).map(relatedItem);
}
