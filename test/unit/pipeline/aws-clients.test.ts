import { afterEach, describe, expect, it, vi } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { createAwsClients, destroyAwsClients } from '../../../shared/aws-clients.ts';

afterEach(() => vi.unstubAllEnvs());

describe('createAwsClients', () => {
  it('uses path-style S3 addressing only when an S3 endpoint is configured', () => {
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ENDPOINT_URL_S3', 'http://127.0.0.1:4569');
    const local = createAwsClients();
    expect(local.s3.config.forcePathStyle).toBe(true);
    destroyAwsClients(local);

    vi.stubEnv('AWS_ENDPOINT_URL_S3', '');
    const aws = createAwsClients({ AWS_REGION: 'us-east-1' });
    expect(aws.s3.config.forcePathStyle).toBe(false);
    destroyAwsClients(aws);
  });

  it('leaves endpoints to the SDK, which reads AWS_ENDPOINT_URL_<SERVICE> itself', async () => {
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', 'http://127.0.0.1:8000');
    vi.stubEnv('AWS_ENDPOINT_URL_SESV2', 'http://127.0.0.1:8005');
    const clients = createAwsClients();
    try {
      // Stop each request once it is built and look where it would go.
      const target = async (client: { middlewareStack: { add: (m: never, o: { step: 'build' }) => void } }, send: () => Promise<unknown>) => {
        let host = '';
        client.middlewareStack.add(
          ((next: unknown) => async (args: { request: { hostname: string; port?: number } }) => {
            void next;
            host = `${args.request.hostname}:${args.request.port}`;
            throw new Error('stop here');
          }) as never,
          { step: 'build' },
        );
        await expect(send()).rejects.toThrow('stop here');
        return host;
      };
      expect(await target(clients.dynamo as never, () => clients.dynamo.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } })))).toBe('127.0.0.1:8000');
      expect(await target(clients.sesv2 as never, () => clients.sesv2.send(new GetAccountCommand({})))).toBe('127.0.0.1:8005');
    } finally {
      destroyAwsClients(clients);
    }
  });
});
