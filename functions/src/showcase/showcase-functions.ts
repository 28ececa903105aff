import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { moderateShowcaseSchema, submitShowcaseSchema, withdrawShowcaseSchema } from '../shared/showcase-schema';
import * as showcase from './showcase-store';

export const submitShowcaseProject = callable(
  'submitShowcaseProject',
  { schema: submitShowcaseSchema, caller: 'member' },
  async ({ id, ...input }, { caller }) => showcase.submitShowcaseProject(deps(), caller.uid, caller.token, id, input),
);

export const withdrawShowcaseProject = callable(
  'withdrawShowcaseProject',
  { schema: withdrawShowcaseSchema, caller: 'member' },
  async ({ id }, { caller }) => showcase.withdrawShowcaseProject(deps(), caller.uid, id),
);

export const moderateShowcaseProject = callable(
  'moderateShowcaseProject',
  { schema: moderateShowcaseSchema, caller: 'admin' },
  async ({ id, decision, reason }) => showcase.moderateShowcaseProject(deps(), id, decision, reason),
);
