// Writes the factory course (functions/src/testing/course-factories.ts) under a slug, fresh, as the sync would:
// run with tsx by e2e/courses.spec.ts, since Playwright's loader cannot import the CommonJS functions/ code.
// Usage: npx tsx e2e/write-course.ts <slug>
import { makeCourseSpec } from '../functions/src/testing/course-factories';
import { adminSdk } from '../tests/support/emulators';
import { writeCourse } from '../tests/support/factories';

const slug = process.argv[2];
if (!slug) throw new Error('usage: write-course.ts <slug>');
const { db } = adminSdk();
await db.recursiveDelete(db.doc(`courses/${slug}`));
const now = new Date();
await writeCourse(db, makeCourseSpec({ slug }, now), 40, now);
process.exit(0);
