import type { S3Location } from '../tickets/model.ts';

/** Where raw messages live whole (inbound from SES, large outbound MIME). */
export interface RawMailStore {
  /** The object's bytes; NotFoundError when it does not exist. */
  get(location: S3Location): Promise<Uint8Array>;
  put(location: S3Location, body: Uint8Array | string): Promise<void>;
}
