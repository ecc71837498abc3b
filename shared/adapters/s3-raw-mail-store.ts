import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { NotFoundError } from '../ports/errors.ts';
import type { RawMailStore } from '../ports/raw-mail-store.ts';
import type { S3Location } from '../tickets/model.ts';

/** Raw messages in S3: what the SES receipt rule's S3 action wrote, and large outbound MIME. */
export class S3RawMailStore implements RawMailStore {
  constructor(private readonly client: S3Client) {}

  async get({ bucket, key }: S3Location): Promise<Uint8Array> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!out.Body) throw new NotFoundError(`s3://${bucket}/${key} has no body`);
      return await out.Body.transformToByteArray();
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string })?.name === 'NoSuchKey') {
        throw new NotFoundError(`s3://${bucket}/${key} not found`, { cause: error });
      }
      throw error;
    }
  }

  async put({ bucket, key }: S3Location, body: Uint8Array | string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'message/rfc822' }));
  }
}
