import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { draftChaptersSchema, saveChaptersSchema } from '../shared/recording-schema';
import { draftChaptersOf, saveChapters as storeChapters } from './chapters-store';

/** Admin: a recording's chapters, as edited in the material editor. */
export const saveChapters = callable(
  'saveChapters',
  { schema: saveChaptersSchema, caller: 'admin' },
  async ({ materialId, chapters }) => {
    await storeChapters(deps(), materialId, chapters);
    return { materialId };
  },
);

/** Admin: chapters drafted from the recording's transcript, for the editor to fill in. */
export const draftChapters = callable(
  'draftChapters',
  { schema: draftChaptersSchema, caller: 'admin' },
  async ({ materialId }) => ({
    chapters: await draftChaptersOf(deps(), materialId),
  }),
);
