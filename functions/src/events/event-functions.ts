import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { loadTiers } from '../app/tiers-config';
import { Refusal } from '../domain/refusal';
import { cancelEventSchema, eventIdSchema, saveEventSchema } from '../shared/event-schema';
import * as events from './event-store';
import * as registrations from './registration-store';

/** Creates an event (a series with `repeat`) or saves an edit of one. */
export const saveEvent = callable(
  'saveEvent',
  { schema: saveEventSchema, caller: 'admin' },
  async ({ id, event, repeat }) => {
    if (id) {
      if (repeat) throw new Refusal('invalid-argument', 'repeat: Only a new event can repeat');
      await events.updateEvent(deps(), id, event);
      return { id, ids: [id] };
    }
    const ids = await events.createEvents(deps(), event, repeat ?? null);
    return { id: ids[0]!, ids };
  },
);

export const duplicateEvent = callable(
  'duplicateEvent',
  { schema: eventIdSchema, caller: 'admin' },
  async ({ id }) => ({
    id: await events.duplicateEvent(deps(), id),
  }),
);

export const cancelEvent = callable(
  'cancelEvent',
  { schema: cancelEventSchema, caller: 'admin' },
  async ({ id, notify }) => {
    await events.cancelEvent(deps(), id, notify);
    return { id };
  },
);

export const registerForEvent = callable(
  'registerForEvent',
  { schema: eventIdSchema, caller: 'member' },
  async ({ id }, { caller }) => {
    const app = deps();
    return {
      status: await registrations.registerForEvent(app, id, caller.uid, caller.token, await loadTiers(app.db)),
    };
  },
);

export const cancelRegistration = callable(
  'cancelRegistration',
  { schema: eventIdSchema, caller: 'member' },
  async ({ id }, { caller }) => ({ promoted: await registrations.cancelRegistration(deps(), id, caller.uid) }),
);
