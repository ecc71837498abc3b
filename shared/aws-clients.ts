import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sesSendRetryStrategy } from './adapters/ses-mailer.ts';

export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  s3: S3Client;
  sesv2: SESv2Client;
}

/**
 * The SDK clients, built once per process and injected into the adapters. Endpoints come from
 * the SDK's own service-specific variables (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_S3`,
 * `AWS_ENDPOINT_URL_SESV2`, or `AWS_ENDPOINT_URL` for all), so the same code talks to AWS in
 * Lambda and to the local stand-ins. The one thing the SDK cannot infer is path-style S3
 * addressing, which S3-compatible servers need: on when an S3 endpoint is configured.
 *
 * The SES client sends replies, which must never go out twice, so it differs from the SDK's
 * defaults in two ways:
 * - Every send opens its own connection. A kept-alive connection can be closed by the other end
 *   while it sits idle (the function frozen between events, a load balancer's or NAT's idle
 *   limit, a busy host); the next send on it then fails with a reset that looks exactly like a
 *   reset after SES took the message — an unknown outcome, so a person reviews a ticket that
 *   was fine. A fresh connection costs one handshake per reply and removes that case.
 * - The SDK retries only what SES certainly did not take (sesSendRetryStrategy); a reset or a
 *   timeout after the request left is the outbox's to record, never a silent second send.
 */
export function createAwsClients(env: NodeJS.ProcessEnv = process.env): AwsClients {
  const s3Endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    dynamo,
    s3: new S3Client({ forcePathStyle: s3Endpoint !== undefined && s3Endpoint !== '' }),
    sesv2: new SESv2Client({
      retryStrategy: sesSendRetryStrategy(),
      requestHandler: { httpAgent: { keepAlive: false }, httpsAgent: { keepAlive: false } },
    }),
  };
}

export function destroyAwsClients(clients: AwsClients): void {
  clients.dynamo.destroy();
  clients.s3.destroy();
  clients.sesv2.destroy();
}
