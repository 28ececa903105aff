import type { Bucket } from '@google-cloud/storage';
import type { ByteRange, MediaStorage, StoredObject } from './media-storage';

/** Real adapter: Cloud Storage with v4 signed URLs and streamed resumable uploads. */
export class GcsMediaStorage implements MediaStorage {
  constructor(private readonly bucket: Bucket) {}

  async signedReadUrl(path: string, opts: { expiresAt: Date; downloadName?: string }): Promise<string> {
    const [url] = await this.bucket.file(path).getSignedUrl({
      version: 'v4',
      action: 'read',
      expires: opts.expiresAt,
      ...(opts.downloadName
        ? { responseDisposition: `attachment; filename="${opts.downloadName.replace(/"/g, '')}"` }
        : {}),
    });
    return url;
  }

  createWriteStream(path: string, opts: { contentType: string }) {
    return this.bucket.file(path).createWriteStream({ resumable: true, contentType: opts.contentType });
  }

  createReadStream(path: string, range?: ByteRange) {
    return this.bucket.file(path).createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async exists(path: string): Promise<boolean> {
    const [found] = await this.bucket.file(path).exists();
    return found;
  }

  async describe(path: string): Promise<StoredObject | null> {
    try {
      const [meta] = await this.bucket.file(path).getMetadata();
      return { size: Number(meta.size), md5: String(meta.md5Hash ?? '') };
    } catch (err) {
      if ((err as { code?: number }).code === 404) return null;
      throw err;
    }
  }

  async delete(path: string): Promise<void> {
    await this.bucket.file(path).delete({ ignoreNotFound: true });
  }
}
