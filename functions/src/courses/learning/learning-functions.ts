import { callable } from '../../app/callable';
import { deps } from '../../app/deps';
import { loadTiers } from '../../app/tiers-config';
import { enrollInCourseSchema, markUnitDoneSchema, openUnitSchema } from '../../shared/course-learning';
import { enrollInCourse as enroll } from './enrollment-store';
import { markUnitDone as mark, openUnit as open } from './progress-store';

export const enrollInCourse = callable(
  'enrollInCourse',
  { schema: enrollInCourseSchema, caller: 'member' },
  async (input, { caller }) => {
    const app = deps();
    return enroll(app, input, caller.uid, caller.token, await loadTiers(app.db));
  },
);

export const markUnitDone = callable(
  'markUnitDone',
  { schema: markUnitDoneSchema, caller: 'member' },
  async (input, { caller }) => ({ completedUnits: await mark(deps(), input, caller.uid, caller.token) }),
);

export const openUnit = callable(
  'openUnit',
  { schema: openUnitSchema, caller: 'member' },
  async (input, { caller }) => ({
    lastUnitId: await open(deps(), input, caller.uid, caller.token),
  }),
);
