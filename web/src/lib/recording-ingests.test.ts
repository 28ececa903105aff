import { describe, expect, it } from 'vitest';
import { ingestRow } from './recording-ingests';

describe('ingestRow', () => {
  it('shows progress of a running job as a whole percentage', () => {
    const row = ingestRow('m_1', {
      eventId: 'ev',
      name: 'video.mp4',
      role: 'video',
      state: 'running',
      bytesDone: 512,
      expectedSize: 2048,
      attempts: 2,
      error: null,
    });
    expect(row).toMatchObject({ name: 'video.mp4', state: 'running', percent: 25, attempts: 2, retryable: false });
  });

  it('offers a retry for a failed job, with its error', () => {
    const row = ingestRow('m_2', { state: 'failed', bytesDone: 10, expectedSize: 100, error: 'HTTP 401', attempts: 5 });
    expect(row).toMatchObject({ retryable: true, error: 'HTTP 401', percent: 10 });
  });

  it('reads junk without throwing: unknown state, no size, negative bytes', () => {
    const row = ingestRow('m_3', { state: 'exploded', bytesDone: -5, expectedSize: 'big', attempts: null });
    expect(row).toMatchObject({ name: 'm_3', state: 'unknown', percent: null, bytesDone: 0, attempts: 0 });
    expect(ingestRow('m_4', { state: 'done', expectedSize: 0 }).percent).toBe(100);
  });
});
