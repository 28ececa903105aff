// The head of a recording's page (a material of kind `recording`), apart from public-heads.ts so the
// catalog's first route does not carry the recording helpers.
import { PUBLIC_RANK } from '@shared/tiers';
import { DEFAULT_CARD_IMAGE, type PageHead } from './page-head';
import { materialPath, type Teaser } from './public-heads';
import { chapterSpans, isoDuration } from './recording';

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
