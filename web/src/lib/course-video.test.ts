import { describe, expect, it } from 'vitest';
import { videoEmbedUrl } from './course-video';

describe('videoEmbedUrl', () => {
  it.each([
    [{ provider: 'youtube', ref: 'dQw4w9WgXcQ' }, 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    [{ provider: 'vimeo', ref: '76979871' }, 'https://player.vimeo.com/video/76979871'],
    [{ provider: 'loom', ref: 'abc123' }, 'https://www.loom.com/embed/abc123'],
    [
      { provider: 'youtube', ref: 'x/../../evil?a=1' },
      'https://www.youtube-nocookie.com/embed/x%2F..%2F..%2Fevil%3Fa%3D1',
    ],
    [{ provider: 'file', ref: 'media/courses/a.mp4' }, null],
  ] as const)('%j', (video, url) => {
    expect(videoEmbedUrl(video)).toBe(url);
  });
});
