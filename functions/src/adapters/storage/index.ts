import type { App } from 'firebase-admin/app';
import { getStorage } from 'firebase-admin/storage';
import { GcsMediaStorage } from './gcs-storage';
import type { MediaStorage, ServedMediaStorage } from './media-storage';

export type { MediaStorage, ServedMediaStorage };
export { GcsMediaStorage };

/**
 * The local twin (`twin/local-storage.ts`), for the functions running in the emulators. Required on
 * first call rather than imported: the deploy build leaves `twin/` out, so a deployed function must
 * never load it. Code run by tsx or vitest imports the twin module directly.
 */
export function localMediaStorage(): ServedMediaStorage {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const twin = require('./twin/local-storage') as { localMediaStorage(): ServedMediaStorage };
  return twin.localMediaStorage();
}

let instance: MediaStorage | undefined;

/** GCS (the app's default bucket) in production, the folder twin when MEDIA_STORAGE=local (set for the emulators). */
export function mediaStorage(app: App): MediaStorage {
  instance ??=
    process.env.MEDIA_STORAGE === 'local' ? localMediaStorage() : new GcsMediaStorage(getStorage(app).bucket());
  return instance;
}
