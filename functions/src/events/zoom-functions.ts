import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { ZOOM_SECRETS } from '../app/params';
import { eventIdSchema } from '../shared/event-schema';
import { EVENT_CHANGES, EVENTS } from '../shared/events';
import { createZoomMeetingFor, syncZoomOnChange } from './zoom-meetings';

/** "Create Zoom meeting" in the event editor (drafts too); a second click gets the same meeting. */
export const createZoomMeeting = callable(
  'createZoomMeeting',
  { schema: eventIdSchema, caller: 'admin', secrets: ZOOM_SECRETS },
  async ({ id }) => createZoomMeetingFor(deps(), id),
);

/** Each change of an event (published, rescheduled, cancelled) brings its Zoom meeting in step; never throws. */
export const zoomOnEventChange = onDocumentCreated(
  { document: `${EVENTS}/{id}/${EVENT_CHANGES}/{sequence}`, secrets: ZOOM_SECRETS },
  async (event) => {
    await syncZoomOnChange(deps(), event.params.id);
  },
);
