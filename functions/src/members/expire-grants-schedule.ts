import { logger } from 'firebase-functions/v2';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { auth, db } from '../app/firebase';
import { expireGrants } from './member-store';

/** Thin schedule around `expireGrants`, which tests call directly (Pub/Sub does not reach the emulator). */
export const expireGrantsHourly = onSchedule('every 60 minutes', async () => {
  const expired = await expireGrants({ db: db(), auth: auth(), now: () => new Date() });
  logger.info(`expired ${expired.length} complimentary grants`, { uids: expired });
});
