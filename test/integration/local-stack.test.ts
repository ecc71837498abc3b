import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { TABLE_DESIGN } from '../../shared/tickets/table-design.ts';
import { createBucket, createTable, startLocalStack, type LocalStack } from '../support/local-stack.ts';

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

describe('local stack (DynamoDB Local, s3rver, aws-ses-v2-local)', () => {
  let stack: LocalStack;
  let dynamo: DynamoDBClient;
  let s3: S3Client;
  let ses: SESv2Client;

  beforeAll(async () => {
    stack = await startLocalStack();
    // Clients configured the way the handler's are: from the env the stack hands out.
    const env = stack.env;
    dynamo = new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: env.AWS_REGION, credentials });
    s3 = new S3Client({
      endpoint: env.AWS_ENDPOINT_URL_S3,
      region: env.AWS_REGION,
      credentials,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    ses = new SESv2Client({ endpoint: env.AWS_ENDPOINT_URL_SESV2, region: env.AWS_REGION, credentials });
  });

  afterAll(async () => {
    dynamo?.destroy();
    s3?.destroy();
    ses?.destroy();
    await stack?.stop();
  });

  it('binds every server to 127.0.0.1 and exports the endpoint variables', () => {
    for (const endpoint of Object.values(stack.endpoints)) expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.env).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: stack.endpoints.s3,
      AWS_ENDPOINT_URL_SESV2: stack.endpoints.ses,
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    });
  });

  it('is reachable by clients configured from its env alone (as the handler builds them)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, stack.env);
    const fromEnv = { dynamo: new DynamoDBClient({}), s3: new S3Client({}), ses: new SESv2Client({}) };
    try {
      await createTable(fromEnv.dynamo, 'env-check');
      await createBucket(fromEnv.s3, 'env-check');
      await fromEnv.s3.send(new PutObjectCommand({ Bucket: 'env-check', Key: 'k', Body: 'v' }));
      const object = await s3.send(new GetObjectCommand({ Bucket: 'env-check', Key: 'k' }));
      expect(await object.Body!.transformToString()).toBe('v');
      const sent = await fromEnv.ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'support@kdp.example.com',
          Destination: { ToAddresses: ['author@example.com'] },
          Content: { Simple: { Subject: { Data: 'env check' }, Body: { Text: { Data: 'ok' } } } },
        }),
      );
      expect((await stack.capturedMail()).map((mail) => mail.messageId)).toContain(sent.MessageId);
    } finally {
      process.env = saved;
      fromEnv.dynamo.destroy();
      fromEnv.s3.destroy();
      fromEnv.ses.destroy();
    }
  });

  it('creates the tickets table from TABLE_DESIGN, idempotently, and stores items', async () => {
    await createTable(dynamo, 'tickets-test');
    await createTable(dynamo, 'tickets-test'); // second call: no ResourceInUse, no TTL error
    const table = await dynamo.send(new DescribeTableCommand({ TableName: 'tickets-test' }));
    expect(table.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      TABLE_DESIGN.indexes.map((index) => index.name).sort(),
    );
    const ttl = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: 'tickets-test' }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(TABLE_DESIGN.ttlAttribute);

    const documents = DynamoDBDocumentClient.from(dynamo);
    const item = { pk: 'TICKET#t1', sk: 'META', gsi1pk: 'STATUS#needs-review', gsi1sk: '2026-01-01T00:00:00Z#t1', subject: 'Can’t sign in' };
    await documents.send(new PutCommand({ TableName: 'tickets-test', Item: item }));
    const got = await documents.send(new GetCommand({ TableName: 'tickets-test', Key: { pk: 'TICKET#t1', sk: 'META' } }));
    expect(got.Item).toEqual(item);
  });

  it('stores and reads back objects byte for byte (s3rver with the current SDK)', async () => {
    await createBucket(s3, 'raw-mail');
    await createBucket(s3, 'raw-mail');
    const body = Buffer.concat([Buffer.from('From: a@example.com\r\n\r\n'), Buffer.alloc(2 * 1024 * 1024, 0xe2)]);
    await s3.send(new PutObjectCommand({ Bucket: 'raw-mail', Key: 'inbound/abc123', Body: body }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'raw-mail', Key: 'inbound/abc123' }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    expect(bytes.equals(body)).toBe(true);
    await expect(s3.send(new GetObjectCommand({ Bucket: 'raw-mail', Key: 'inbound/missing' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('captures a raw email sent through SESv2 and serves it from /store', async () => {
    await stack.clearCapturedMail();
    const raw = await new MailComposer({
      from: 'support@kdp.example.com',
      to: 'author@example.com',
      subject: 'Re: Cannot sign in',
      text: 'Here is the article.',
    })
      .compile()
      .build();
    const sent = await ses.send(new SendEmailCommand({ Content: { Raw: { Data: raw } } }));
    expect(sent.MessageId).toBeTruthy();
    const captured = await stack.capturedMail();
    expect(captured).toHaveLength(1);
    expect(captured[0]).toMatchObject({
      messageId: sent.MessageId,
      subject: 'Re: Cannot sign in',
      destination: { to: ['author@example.com'] },
    });
    expect(captured[0]?.body.text?.trim()).toBe('Here is the article.');
  });
});

describe('local stack with a data dir', () => {
  it('keeps tables and objects across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kdp-triage-data-'));
    try {
      const first = await startLocalStack({ dataDir });
      const dynamo1 = new DynamoDBClient({ endpoint: first.endpoints.dynamodb, region: 'us-east-1', credentials });
      const s31 = new S3Client({ endpoint: first.endpoints.s3, region: 'us-east-1', credentials, forcePathStyle: true });
      await createTable(dynamo1, 'persisted');
      await DynamoDBDocumentClient.from(dynamo1).send(new PutCommand({ TableName: 'persisted', Item: { pk: 'a', sk: 'b', n: 1 } }));
      await createBucket(s31, 'kept');
      await s31.send(new PutObjectCommand({ Bucket: 'kept', Key: 'k', Body: 'still here' }));
      dynamo1.destroy();
      s31.destroy();
      await first.stop();

      const second = await startLocalStack({ dataDir });
      const dynamo2 = new DynamoDBClient({ endpoint: second.endpoints.dynamodb, region: 'us-east-1', credentials });
      const s32 = new S3Client({ endpoint: second.endpoints.s3, region: 'us-east-1', credentials, forcePathStyle: true });
      try {
        const got = await DynamoDBDocumentClient.from(dynamo2).send(new GetCommand({ TableName: 'persisted', Key: { pk: 'a', sk: 'b' } }));
        expect(got.Item).toEqual({ pk: 'a', sk: 'b', n: 1 });
        const object = await s32.send(new GetObjectCommand({ Bucket: 'kept', Key: 'k' }));
        expect(await object.Body!.transformToString()).toBe('still here');
      } finally {
        dynamo2.destroy();
        s32.destroy();
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
