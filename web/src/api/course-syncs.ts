// Course sync reports for admins (written by the sync, admin-readable), newest first, live.
import { COURSE_SYNCS } from '@shared/courses';
import { liveQuery } from '@/composables/live-sources';
import { courseSyncRow } from '@/lib/course-syncs';

export const liveCourseSyncs = (max = 50) =>
  liveQuery(
    ({ collection, limit, orderBy, query }, db) =>
      query(collection(db, COURSE_SYNCS), orderBy('startedAt', 'desc'), limit(max)),
    courseSyncRow,
  );
