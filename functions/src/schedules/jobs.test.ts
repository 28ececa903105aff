import { describe, expect, it } from 'vitest';
import * as entryPoints from '../index';
import { cronOf, jobsDueAt, SCHEDULED_JOBS, type Schedule } from './jobs';

describe('scheduled jobs registry', () => {
  it.each(Object.entries(SCHEDULED_JOBS))('%s is deployed from index.ts on its schedule', (name, job) => {
    const fn = (entryPoints as Record<string, unknown>)[name] as
      { __endpoint?: { scheduleTrigger?: { schedule?: unknown } } } | undefined;
    expect(fn, `${name} is in SCHEDULED_JOBS but not exported from index.ts`).toBeDefined();
    expect(fn?.__endpoint?.scheduleTrigger?.schedule).toBe(cronOf(job.schedule));
  });

  it('writes schedules in Cloud Scheduler syntax', () => {
    expect(cronOf({ everyMinutes: 1 })).toBe('every 1 minutes');
    expect(cronOf({ everyMinutes: 60 })).toBe('every 60 minutes');
    expect(cronOf({ dailyAtUtc: '04:00' })).toBe('every day 04:00');
  });
});

describe('jobsDueAt (dev-cron)', () => {
  const jobs: Record<'minutely' | 'hourly' | 'daily', { schedule: Schedule }> = {
    minutely: { schedule: { everyMinutes: 1 } },
    hourly: { schedule: { everyMinutes: 60 } },
    daily: { schedule: { dailyAtUtc: '04:00' } },
  };

  it('runs every job at start', () => {
    expect(jobsDueAt(jobs, 0)).toEqual(['minutely', 'hourly', 'daily']);
  });

  it('then each at its own interval', () => {
    expect(jobsDueAt(jobs, 1)).toEqual(['minutely']);
    expect(jobsDueAt(jobs, 59)).toEqual(['minutely']);
    expect(jobsDueAt(jobs, 60)).toEqual(['minutely', 'hourly']);
    expect(jobsDueAt(jobs, 24 * 60)).toEqual(['minutely', 'hourly', 'daily']);
    expect(jobsDueAt(jobs, 24 * 60 + 60)).toEqual(['minutely', 'hourly']);
  });
});
