// A unit's `video:` as the contract's VideoSpec: `youtube:<id>`, `vimeo:<id>`, `loom:<id>`, the providers' own
// share/watch/embed URLs (normalised to the same ids, so a pasted link works), or a video file in the repository.
import type { VideoProvider, VideoSpec } from '../../shared/courses';

const ID_PATTERNS: Record<Exclude<VideoProvider, 'file'>, RegExp> = {
  youtube: /^[A-Za-z0-9_-]{11}$/,
  vimeo: /^\d{1,12}$/,
  loom: /^[a-f0-9]{32}$/,
};

export const VIDEO_FILE = /\.(mp4|m4v|webm|mov|ogv)$/i;

/** A provider video, a repository file still to resolve (`file`), or why the value is no video. */
export type ParsedVideo = { video: VideoSpec } | { file: string } | { problem: string };

export function parseVideo(value: string): ParsedVideo {
  const short = /^(youtube|vimeo|loom):(.*)$/i.exec(value.trim());
  if (short) {
    const provider = short[1]!.toLowerCase() as Exclude<VideoProvider, 'file'>;
    return providerVideo(provider, short[2]!.trim());
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return fromUrl(value.trim());
  if (!VIDEO_FILE.test(value)) {
    return {
      problem: `\`${value}\` is neither a video file (.mp4, .m4v, .webm, .mov, .ogv) nor youtube:, vimeo: or loom:`,
    };
  }
  return { file: value };
}

function providerVideo(provider: Exclude<VideoProvider, 'file'>, ref: string): ParsedVideo {
  return ID_PATTERNS[provider].test(ref)
    ? { video: { provider, ref } }
    : { problem: `\`${ref}\` is not a ${provider} video id` };
}

function fromUrl(value: string): ParsedVideo {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `\`${value}\` is not a valid URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: `\`${value}\`: a video is youtube:, vimeo:, loom:, their https links, or a file` };
  }
  const host = url.hostname.replace(/^(www|m)\./, '');
  const segments = url.pathname.split('/').filter(Boolean);
  if (host === 'youtu.be') return providerVideo('youtube', segments[0] ?? '');
  if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    if (segments[0] === 'watch') return providerVideo('youtube', url.searchParams.get('v') ?? '');
    if (['embed', 'shorts', 'live', 'v'].includes(segments[0] ?? ''))
      return providerVideo('youtube', segments[1] ?? '');
  }
  if (host === 'vimeo.com') return providerVideo('vimeo', segments[0] ?? '');
  if (host === 'player.vimeo.com' && segments[0] === 'video') return providerVideo('vimeo', segments[1] ?? '');
  if (host === 'loom.com' && (segments[0] === 'share' || segments[0] === 'embed')) {
    // Share links may carry the title before the id: /share/intro-to-dbt-<32 hex>.
    const segment = segments[1] ?? '';
    return providerVideo('loom', /(?:^|-)([a-f0-9]{32})$/.exec(segment)?.[1] ?? segment);
  }
  return { problem: `\`${value}\` is not a YouTube, Vimeo or Loom video link` };
}
