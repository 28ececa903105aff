import { describe, expect, it } from 'vitest';
import { parseVideo } from './video';

describe('parseVideo', () => {
  it.each([
    ['youtube:aqz-KE-bpKQ', { video: { provider: 'youtube', ref: 'aqz-KE-bpKQ' } }],
    ['YouTube: aqz-KE-bpKQ', { video: { provider: 'youtube', ref: 'aqz-KE-bpKQ' } }],
    ['https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=42s', { video: { provider: 'youtube', ref: 'aqz-KE-bpKQ' } }],
    ['https://m.youtube.com/watch?v=aqz-KE-bpKQ', { video: { provider: 'youtube', ref: 'aqz-KE-bpKQ' } }],
    ['https://youtu.be/aqz-KE-bpKQ?si=abc', { video: { provider: 'youtube', ref: 'aqz-KE-bpKQ' } }],
    ['https://www.youtube.com/embed/aqz-KE-bpKQ', { video: { provider: 'youtube', ref: 'aqz-KE-bpKQ' } }],
    ['https://www.youtube.com/shorts/aqz-KE-bpKQ', { video: { provider: 'youtube', ref: 'aqz-KE-bpKQ' } }],
    ['https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ', { video: { provider: 'youtube', ref: 'aqz-KE-bpKQ' } }],
    ['vimeo:76979871', { video: { provider: 'vimeo', ref: '76979871' } }],
    ['https://vimeo.com/76979871', { video: { provider: 'vimeo', ref: '76979871' } }],
    ['https://player.vimeo.com/video/76979871?h=abc', { video: { provider: 'vimeo', ref: '76979871' } }],
    ['loom:0123456789abcdef0123456789abcdef', { video: { provider: 'loom', ref: '0123456789abcdef0123456789abcdef' } }],
    [
      'https://www.loom.com/share/0123456789abcdef0123456789abcdef?sid=1',
      { video: { provider: 'loom', ref: '0123456789abcdef0123456789abcdef' } },
    ],
    [
      'https://www.loom.com/share/Intro-to-dbt-0123456789abcdef0123456789abcdef',
      { video: { provider: 'loom', ref: '0123456789abcdef0123456789abcdef' } },
    ],
    [
      'https://www.loom.com/embed/0123456789abcdef0123456789abcdef',
      { video: { provider: 'loom', ref: '0123456789abcdef0123456789abcdef' } },
    ],
    ['intro.mp4', { file: 'intro.mp4' }],
    ['media/Intro Final.WEBM', { file: 'media/Intro Final.WEBM' }],
  ])('%s', (value, expected) => {
    expect(parseVideo(value)).toEqual(expected);
  });

  it.each([
    ['youtube:abc', '`abc` is not a youtube video id'],
    ['youtube:aqz-KE-bpKQ"><script>', 'is not a youtube video id'],
    ['vimeo:abc', '`abc` is not a vimeo video id'],
    ['loom:xyz', '`xyz` is not a loom video id'],
    ['https://youtube.com/playlist?list=PL123', 'is not a YouTube, Vimeo or Loom video link'],
    ['https://example.com/video.mp4', 'is not a YouTube, Vimeo or Loom video link'],
    ['javascript:alert(1)', 'a video is youtube:, vimeo:, loom:, their https links, or a file'],
    ['data:video/mp4;base64,AAAA', 'a video is youtube:, vimeo:, loom:, their https links, or a file'],
    ['slides.pdf', 'is neither a video file'],
  ])('%s is refused', (value, message) => {
    const parsed = parseVideo(value);
    expect(parsed).toEqual({ problem: expect.stringContaining(message) });
  });
});
