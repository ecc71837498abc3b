import { describe, expect, it } from 'vitest';
import { ConfigError, envVarFor, loadConfig } from '../../../infra/config.ts';

const context = (values: Record<string, unknown>) => (key: string) => values[key];

describe('deployment config', () => {
  it('has defaults that synthesize on a fresh clone (no context, no account)', () => {
    const config = loadConfig(context({}), {});
    expect(config).toMatchObject({
      envName: 'dev',
      region: 'us-east-1',
      supportAddress: 'support@kdp.example.com',
      domain: 'kdp.example.com',
      retentionDays: 90,
      reservedConcurrency: 10,
      stackPrefix: 'KdpTriage-dev',
    });
    expect(config.account).toBeUndefined();
    expect(config.authDomainPrefix).toMatch(/^kdp-triage-dev-[0-9a-f]{10}$/);
  });

  it('reads CDK context (strings from the CLI are coerced), then env, then the CLI account/region', () => {
    const config = loadConfig(
      context({ env: 'prod', supportAddress: 'help@books.example.org', domain: 'books.example.org', retentionDays: '30' }),
      { KDP_TRIAGE_RESERVED_CONCURRENCY: 'off', CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'eu-west-1' },
    );
    expect(config).toMatchObject({
      envName: 'prod',
      supportAddress: 'help@books.example.org',
      retentionDays: 30,
      reservedConcurrency: 'off',
      account: '123456789012',
      region: 'eu-west-1',
    });
    expect(envVarFor('supportAddress')).toBe('KDP_TRIAGE_SUPPORT_ADDRESS');
  });

  it('explains every invalid value and how to pass it', () => {
    const bad = () =>
      loadConfig(context({ supportAddress: 'not-an-address', retentionDays: '0', env: 'staging', logRetentionDays: '42' }), {});
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/supportAddress: .*--context supportAddress=… or set KDP_TRIAGE_SUPPORT_ADDRESS/);
    expect(bad).toThrow(/retentionDays: .*--context retentionDays=/);
    expect(bad).toThrow(/envName: .*--context env=/);
    expect(bad).toThrow(/logRetentionDays: one of CloudWatch Logs' retention values/);
  });

  it('lower-cases the support address and domain (IAM compares ses:FromAddress case-sensitively)', () => {
    const config = loadConfig(context({ supportAddress: ' Help@Books.Example.ORG ', domain: 'Books.Example.org' }), {});
    expect(config.supportAddress).toBe('help@books.example.org');
    expect(config.domain).toBe('books.example.org');
  });

  it('refuses a support address outside the domain it is received for', () => {
    expect(() => loadConfig(context({ supportAddress: 'support@other.example.net' }), {})).toThrow(
      /supportAddress: must be an address in the domain "kdp.example.com"/,
    );
  });
});
