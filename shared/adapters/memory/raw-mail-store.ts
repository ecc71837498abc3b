import { NotFoundError } from '../../ports/errors.ts';
import type { RawMailStore } from '../../ports/raw-mail-store.ts';
import type { S3Location } from '../../tickets/model.ts';

/** Raw messages in memory (unit tests). */
export class MemoryRawMailStore implements RawMailStore {
  private readonly objects = new Map<string, Uint8Array>();

  async get({ bucket, key }: S3Location): Promise<Uint8Array> {
    const body = this.objects.get(`${bucket}/${key}`);
    if (!body) throw new NotFoundError(`s3://${bucket}/${key} not found`);
    return body.slice();
  }

  async put({ bucket, key }: S3Location, body: Uint8Array | string): Promise<void> {
    this.objects.set(`${bucket}/${key}`, typeof body === 'string' ? new TextEncoder().encode(body) : body.slice());
  }
}
