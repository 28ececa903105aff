import { resolve } from 'node:path';
import { getStorage } from 'firebase-admin/storage';
import { adminApp } from '../../app/firebase';
import { GcsMediaStorage } from './gcs-storage';
import { LocalMediaStorage } from './local-storage';
import type { MediaStorage } from './media-storage';

export type { MediaStorage };
export { LocalMediaStorage, GcsMediaStorage };

/** The local twin's settings; functions run with cwd `functions/`, so `.data/` is one level up. */
export function localMediaStorage(): LocalMediaStorage {
  const project = process.env.GCLOUD_PROJECT ?? 'demo-commons';
  return new LocalMediaStorage(
    resolve(process.env.LOCAL_MEDIA_DIR ?? resolve(process.cwd(), '..', '.data', 'storage')),
    process.env.LOCAL_MEDIA_BASE_URL ?? `http://127.0.0.1:5001/${project}/us-central1/media`,
    process.env.LOCAL_MEDIA_KEY ?? 'local-media-key-not-secret',
  );
}

let instance: MediaStorage | undefined;

/** GCS in production, the folder twin when MEDIA_STORAGE=local (set for the emulators). */
export function mediaStorage(): MediaStorage {
  instance ??=
    process.env.MEDIA_STORAGE === 'local' ? localMediaStorage() : new GcsMediaStorage(getStorage(adminApp()).bucket());
  return instance;
}
