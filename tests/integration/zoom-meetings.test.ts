import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminSdk, callFunction, clearEmulators, eventually, type SignedIn } from '../support/emulators';
import { createMember } from '../support/factories';
import {
  readJoin,
  readSync,
  twinMeetings,
  writeChange,
  writeZoomEvent,
  zoomAtTwin,
  type ZoomEventFixture,
} from '../support/zoom-events';

// Reconciliation of events with Zoom meetings, through the emulated functions and the Zoom twin.

let admin: SignedIn;
let member: SignedIn;

beforeAll(async () => {
  await clearEmulators();
  admin = await createMember('zoom-admin@example.com', { admin: true });
  member = await createMember('zoom-member@example.com', { tier: 'premium' });
});

const winter: ZoomEventFixture = {
  title: '',
  status: 'published',
  startAt: '2027-01-15T17:00:00Z', // 18:00 in Berlin
  endAt: '2027-01-15T18:30:00Z',
  timeZone: 'Europe/Berlin',
  sequence: 0,
};

async function meetingOf(id: string) {
  const meetingId = (await readSync(id)).zoom?.meetingId;
  return (await twinMeetings()).find((m) => String(m.id) === meetingId);
}

describe('Zoom meetings follow their events', () => {
  it('publish creates the meeting with join details; reschedule moves it; a replay does nothing; cancel deletes it', async () => {
    const id = `ev-${randomUUID()}`;
    const event = { ...winter, title: `Office hours ${id}` };
    await writeZoomEvent(id, event);
    await writeChange(id, 'published', 0);

    // The meeting is recorded while the claim is held; the next step (nothing left to do) releases it.
    const sync = await eventually(
      () => readSync(id),
      (s) => Boolean(s.zoom?.meetingId) && !('zoomClaim' in s),
    );
    expect(sync.zoom).toMatchObject({ syncedSequence: 0, error: null });
    const meeting = (await twinMeetings()).find((m) => String(m.id) === sync.zoom!.meetingId)!;
    expect(meeting).toMatchObject({
      topic: event.title,
      start_time: '2027-01-15T17:00:00Z',
      timezone: 'Europe/Berlin',
      duration: 90,
      settings: { auto_recording: 'cloud', waiting_room: true, join_before_host: false },
    });
    expect(sync.zoom).toMatchObject({ uuid: meeting.uuid, joinUrl: meeting.join_url });
    expect(await readJoin(id)).toMatchObject({ url: meeting.join_url, passcode: meeting.password, access: 'main' });

    // Rescheduled to July, 18:00 in Berlin (16:00Z).
    await writeZoomEvent(id, { ...event, startAt: '2027-07-15T16:00:00Z', endAt: '2027-07-15T17:00:00Z', sequence: 1 });
    await writeChange(id, 'rescheduled', 1);
    const moved = await eventually(
      () => meetingOf(id),
      (m) => m?.start_time === '2027-07-15T16:00:00Z',
    );
    expect(moved).toMatchObject({ start_time: '2027-07-15T16:00:00Z', duration: 60 });
    expect(
      (
        await eventually(
          () => readSync(id),
          (s) => s.zoom?.syncedSequence === 1,
        )
      ).zoom?.syncedSequence,
    ).toBe(1);

    // The same change delivered again: the meeting is left alone (a PATCH would restore the topic).
    await zoomAtTwin.updateMeeting(sync.zoom!.meetingId, {
      topic: 'changed at Zoom',
      agenda: '',
      startTime: '2027-07-15T18:00:00',
      timeZone: 'Europe/Berlin',
      durationMinutes: 60,
    });
    await adminSdk().db.doc(`events/${id}/changes/1`).delete();
    await writeChange(id, 'rescheduled', 1);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await meetingOf(id))?.topic).toBe('changed at Zoom');

    await writeZoomEvent(id, { ...event, status: 'cancelled', sequence: 2 });
    await writeChange(id, 'cancelled', 2);
    const after = await eventually(
      () => readSync(id),
      (s) => !s.zoom,
    );
    expect(after.zoom).toBeUndefined();
    expect((await twinMeetings()).some((m) => String(m.id) === sync.zoom!.meetingId)).toBe(false);
    expect(await readJoin(id)).toMatchObject({ url: null, passcode: null });
  });

  it('"Create Zoom meeting" clicked twice at once makes one meeting, also for a draft', async () => {
    const id = `ev-${randomUUID()}`;
    const event = { ...winter, status: 'draft' as const, title: `Draft ${id}` };
    await writeZoomEvent(id, event);
    const [a, b] = await Promise.all([
      callFunction('createZoomMeeting', { id }, admin.idToken),
      callFunction('createZoomMeeting', { id }, admin.idToken),
    ]);
    expect(a.error).toBeUndefined();
    expect(b.error).toBeUndefined();
    expect(a.result?.meetingId).toBe(b.result?.meetingId);
    const again = await callFunction('createZoomMeeting', { id }, admin.idToken);
    expect(again.result).toEqual(a.result);
    const mine = (await twinMeetings()).filter((m) => m.topic === event.title);
    expect(mine.map((m) => String(m.id))).toEqual([a.result?.meetingId]);
    expect(await readJoin(id)).toMatchObject({ url: a.result?.joinUrl });
  });

  it('refuses members, unknown events and events not on Zoom', async () => {
    const id = `ev-${randomUUID()}`;
    await writeZoomEvent(id, { ...winter, title: 'Members may not' });
    expect((await callFunction('createZoomMeeting', { id }, member.idToken)).error?.status).toBe('PERMISSION_DENIED');
    expect((await callFunction('createZoomMeeting', { id: 'no-such-event' }, admin.idToken)).error?.status).toBe(
      'NOT_FOUND',
    );
    await adminSdk().db.doc(`events/${id}`).update({ kind: 'in-person' });
    const notZoom = await callFunction('createZoomMeeting', { id }, admin.idToken);
    expect(notZoom.error).toMatchObject({ status: 'FAILED_PRECONDITION', message: /Zoom/ });
  });
});
