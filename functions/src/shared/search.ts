/**
 * Title search and tag filtering on Firestore, which has no full-text search and allows one
 * `array-contains` per query. Each material stores `searchKeys`: word prefixes (`w:spa`), its tags
 * (`t:sql`) and every tag x prefix pair (`t:sql w:spa`), so any catalog query uses exactly one key and
 * stays a single indexed query of at most page size + 1 reads.
 */
const MIN_PREFIX = 2;
const MAX_PREFIX = 12;

export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function prefixes(word: string): string[] {
  const out: string[] = [];
  for (let n = MIN_PREFIX; n <= Math.min(word.length, MAX_PREFIX); n++) out.push(word.slice(0, n));
  return out;
}

export function normalizeTag(tag: string): string {
  return normalizeWords(tag).join('-');
}

export function searchKeys(title: string, tags: string[]): string[] {
  const words = new Set(
    normalizeWords(title)
      .flatMap(prefixes)
      .map((p) => `w:${p}`),
  );
  const tagKeys = [...new Set(tags.map(normalizeTag).filter(Boolean))].map((t) => `t:${t}`);
  const pairs = tagKeys.flatMap((t) => [...words].map((w) => `${t} ${w}`));
  return [...words, ...tagKeys, ...pairs].sort();
}

/**
 * The one key a catalog query filters on, or undefined for no text/tag filter. A multi-word search uses
 * its longest word (the most selective); `matchesSearch` narrows the page by the others.
 */
export function searchKey(query: string, tag?: string): string | undefined {
  const words = normalizeWords(query).filter((w) => w.length >= MIN_PREFIX);
  const longest = words.sort((a, b) => b.length - a.length)[0];
  const w = longest ? `w:${longest.slice(0, MAX_PREFIX)}` : undefined;
  const t = tag ? `t:${normalizeTag(tag)}` : undefined;
  if (t && w) return `${t} ${w}`;
  return t ?? w;
}

/** True when every word of the query starts some word of the title. */
export function matchesSearch(title: string, query: string): boolean {
  const titleWords = normalizeWords(title);
  return normalizeWords(query).every((q) => titleWords.some((w) => w.startsWith(q)));
}
