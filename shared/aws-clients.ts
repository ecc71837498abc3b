import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
 */
export function createAwsClients(env: NodeJS.ProcessEnv = process.env): AwsClients {
  const s3Endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    dynamo,
    s3: new S3Client({ forcePathStyle: s3Endpoint !== undefined && s3Endpoint !== '' }),
    sesv2: new SESv2Client({}),
  };
}

export function destroyAwsClients(clients: AwsClients): void {
  clients.dynamo.destroy();
  clients.s3.destroy();
  clients.sesv2.destroy();
}
