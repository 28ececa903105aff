import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { loadTiers } from '../app/tiers-config';
import { Refusal } from '../domain/refusal';
import { cancelEventSchema, eventIdSchema, saveEventSchema } from '../shared/event-schema';
import { cancelEvent, createEvents, duplicateEvent, updateEvent } from './event-store';
import { cancelRegistration, registerForEvent } from './registration-store';

/** Creates an event (a series with `repeat`) or saves an edit of one. */
export const saveEvent = callable(
  'saveEvent',
  { schema: saveEventSchema, caller: 'admin' },
  async ({ id, event, repeat }) => {
    if (id) {
      if (repeat) throw new Refusal('invalid-argument', 'repeat: Only a new event can repeat');
      await updateEvent(deps(), id, event);
      return { id, ids: [id] };
    }
    const ids = await createEvents(deps(), event, repeat ?? null);
    return { id: ids[0]!, ids };
  },
);

export const duplicateEventCopy = callable(
  'duplicateEvent',
  { schema: eventIdSchema, caller: 'admin' },
  async ({ id }) => ({
    id: await duplicateEvent(deps(), id),
  }),
);

export const cancelEventNow = callable(
  'cancelEvent',
  { schema: cancelEventSchema, caller: 'admin' },
  async ({ id, notify }) => {
    await cancelEvent(deps(), id, notify);
    return { id };
  },
);

export const registerMember = callable(
  'registerForEvent',
  { schema: eventIdSchema, caller: 'member' },
  async ({ id }, { caller }) => {
    const app = deps();
    return { status: await registerForEvent(app, id, caller.uid, caller.token, await loadTiers(app.db)) };
  },
);

export const withdrawRegistration = callable(
  'cancelRegistration',
  { schema: eventIdSchema, caller: 'member' },
  async ({ id }, { caller }) => ({ promoted: await cancelRegistration(deps(), id, caller.uid) }),
);
