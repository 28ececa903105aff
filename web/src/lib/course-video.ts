import type { VideoSpec } from '@shared/courses';

/** Hosts of embedded course videos; firebase.json's `frame-src` allows exactly these. */
export const VIDEO_EMBED_HOSTS = [
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://www.loom.com',
];

/** The iframe URL of a hosted video (ids are checked by the format parser; encoded again here). */
export function videoEmbedUrl(video: VideoSpec): string | null {
  const id = encodeURIComponent(video.ref);
  switch (video.provider) {
    case 'youtube':
      return `https://www.youtube-nocookie.com/embed/${id}`;
    case 'vimeo':
      return `https://player.vimeo.com/video/${id}`;
    case 'loom':
      return `https://www.loom.com/embed/${id}`;
    default:
      return null;
  }
}
