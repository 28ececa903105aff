import { describe, expect, it } from 'vitest';
import { EVERYONE, sendNewsletterSchema, saveNewsletterSchema } from '@shared/newsletters';
import { DEFAULT_TIERS } from '@shared/defaults';
import {
  audienceLabel,
  audienceOptions,
  dateToLocalInput,
  emptyNewsletterForm,
  emptySection,
  localInputToIso,
  newsletterFormToInput,
  newsletterInputToForm,
  newsletterView,
  parseSchedule,
  progressPercent,
  validateNewsletterForm,
  type NewsletterForm,
} from './newsletter-form';

function completeForm(): NewsletterForm {
  return {
    ...emptyNewsletterForm(),
    subject: ' Window functions, part 2 ',
    sections: [
      { ...emptySection('public'), markdown: 'Everyone reads this intro.' },
      { ...emptySection('premium'), markdown: 'Premium deep dive: frames and peers.' },
    ],
  };
}

describe('newsletter form validation', () => {
  it('asks for a subject and non-empty sections', () => {
    const errors = validateNewsletterForm(emptyNewsletterForm(), DEFAULT_TIERS);
    expect(errors.subject).toBe('Write a subject');
    expect(errors['sections.0.markdown']).toBe('A section cannot be empty');
    expect(errors.audience).toBeUndefined();
  });

  it('refuses an audience or a section level that is not a tier', () => {
    const form = { ...completeForm(), audience: 'gold' };
    form.sections[1] = { ...emptySection('platinum'), markdown: 'Text' };
    const errors = validateNewsletterForm(form, DEFAULT_TIERS);
    expect(errors.audience).toBe('Unknown audience');
    expect(errors['sections.1.access']).toBe('Choose a level that exists');
    expect(errors['sections.0.access']).toBeUndefined();
  });

  it('refuses a newsletter without sections', () => {
    expect(validateNewsletterForm({ ...completeForm(), sections: [] }, DEFAULT_TIERS).sections).toBe(
      'Write at least one section',
    );
  });

  it('accepts a complete form and sends what the callable schema takes', () => {
    const form = { ...completeForm(), audience: 'basic', materialId: ' window-functions ' };
    expect(validateNewsletterForm(form, DEFAULT_TIERS)).toEqual({});
    const input = newsletterFormToInput(form);
    expect(input).toEqual({
      subject: 'Window functions, part 2',
      preview: '',
      audience: 'basic',
      materialId: 'window-functions',
      sections: [
        { access: 'public', markdown: 'Everyone reads this intro.' },
        { access: 'premium', markdown: 'Premium deep dive: frames and peers.' },
      ],
    });
    expect(saveNewsletterSchema.safeParse({ newsletter: input }).success).toBe(true);
    expect(newsletterFormToInput({ ...form, materialId: '  ' }).materialId).toBeNull();
  });

  it('round-trips input through the form with fresh section keys', () => {
    const input = newsletterFormToInput(completeForm());
    const form = newsletterInputToForm(input);
    expect(newsletterFormToInput(form)).toEqual(input);
    expect(new Set(form.sections.map((s) => s.key)).size).toBe(2);
    expect(newsletterInputToForm({ ...input, sections: [] }).sections).toHaveLength(1);
  });
});

describe('audience', () => {
  it('offers everyone, then each paid tier and up', () => {
    expect(audienceOptions(DEFAULT_TIERS)).toEqual([
      { value: EVERYONE, label: 'Everyone with newsletters on (free and up)' },
      { value: 'basic', label: 'Basic and up' },
      { value: 'main', label: 'Main and up' },
      { value: 'premium', label: 'Premium and up' },
    ]);
  });
  it('names an audience for lists', () => {
    expect(audienceLabel(DEFAULT_TIERS, EVERYONE)).toBe('Everyone');
    expect(audienceLabel(DEFAULT_TIERS, 'main')).toBe('Main and up');
    expect(audienceLabel(DEFAULT_TIERS, 'gold')).toBe('Unknown audience (gold)');
  });
});

describe('progress', () => {
  const stats = { recipients: 200, sent: 0, failed: 0, batches: 4, batchesDone: 0 };
  it('counts sent and failed recipients as handled, rounded down', () => {
    expect(progressPercent(stats)).toBe(0);
    expect(progressPercent({ ...stats, sent: 50, failed: 10 })).toBe(30);
    expect(progressPercent({ ...stats, sent: 199 })).toBe(99);
    expect(progressPercent({ ...stats, sent: 198, failed: 2 })).toBe(100);
    expect(progressPercent({ ...stats, sent: 250 })).toBe(100);
  });
  it('counts recipients skipped for a suppressed address as handled', () => {
    expect(progressPercent({ ...stats, sent: 190, skipped: 10 })).toBe(100);
  });
  it('has no division by zero', () => {
    expect(progressPercent({ ...stats, recipients: 0 }, 'sending')).toBe(0);
    expect(progressPercent({ ...stats, recipients: 0 }, 'sent')).toBe(100);
  });
});

describe('schedule', () => {
  const now = new Date('2030-06-01T07:00:00Z');

  it('turns a local date and time into ISO with its offset', () => {
    expect(localInputToIso('2030-06-01T09:30', 120)).toBe('2030-06-01T09:30:00+02:00');
    expect(localInputToIso('2030-12-24T18:05:07', -330)).toBe('2030-12-24T18:05:07-05:30');
    expect(localInputToIso('2030-06-01T09:30', 0)).toBe('2030-06-01T09:30:00+00:00');
    expect(Date.parse(localInputToIso('2030-06-01T09:30', 120) ?? '')).toBe(Date.UTC(2030, 5, 1, 7, 30));
    // The browser's own offset by default: the same instant as the local wall clock.
    expect(Date.parse(localInputToIso('2030-06-01T09:30') ?? '')).toBe(new Date(2030, 5, 1, 9, 30).getTime());
    expect(dateToLocalInput(new Date(2030, 5, 1, 9, 30))).toBe('2030-06-01T09:30');
  });

  it('refuses what is not a date and time', () => {
    expect(localInputToIso('tomorrow')).toBeNull();
    expect(localInputToIso('2030-02-31T09:30')).toBeNull();
    expect(localInputToIso('2030-06-01T24:30')).toBeNull();
  });

  it('accepts a future time in the shape sendNewsletter takes', () => {
    const result = parseSchedule('2030-06-01T09:30', now, 120);
    expect(result).toEqual({ ok: true, at: '2030-06-01T09:30:00+02:00' });
    expect(result.ok && sendNewsletterSchema.safeParse({ id: 'n1', at: result.at }).success).toBe(true);
  });

  it('refuses a time in the past or now', () => {
    expect(parseSchedule('2030-06-01T08:59', now, 120)).toEqual({ ok: false, error: 'Choose a time in the future' });
    expect(parseSchedule('2030-06-01T09:00', now, 120)).toEqual({ ok: false, error: 'Choose a time in the future' });
    expect(parseSchedule('', now)).toEqual({ ok: false, error: 'Choose a date and time' });
  });
});

/** What `newsletters/{id}` may hold; the tests below also feed it what it should not. */
type Stored = Required<Parameters<typeof newsletterView>[1]>;

describe('newsletter document', () => {
  it('reads a document defensively, timestamps as dates', () => {
    const sent = new Date('2030-06-01T09:31:00Z');
    const view = newsletterView('n1', {
      subject: 'Hi',
      sections: [{ access: 'main', markdown: 'x' }, null as unknown as Stored['sections'][number]],
      audience: 'basic',
      status: 'sent',
      stats: { recipients: 3, sent: 2, failed: 1, batches: 1, batchesDone: 1 },
      finishedAt: { toDate: () => sent },
    });
    expect(view.input).toEqual({
      subject: 'Hi',
      preview: '',
      audience: 'basic',
      materialId: null,
      sections: [
        { access: 'main', markdown: 'x' },
        { access: 'public', markdown: '' },
      ],
    });
    expect(view.status).toBe('sent');
    expect(view.finishedAt).toBe(sent);
    expect(view.startedAt).toBeNull();
    expect(newsletterView('n2', { status: 'weird' as Stored['status'] }).status).toBe('draft');
    expect(newsletterView('n2', {}).stats.recipients).toBe(0);
  });
});
