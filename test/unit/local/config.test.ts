import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { LocalConfigError, readLocalConfig, REPO_ROOT } from '../../../local/config.ts';

describe('npm start configuration', () => {
  it('has a documented default for every setting', () => {
    expect(readLocalConfig({})).toEqual({
      SUPPORT_ADDRESS: 'support@kdp.example.com',
      SMTP_PORT: 2525,
      WEB_PORT: 3000,
      SES_PORT: 8005,
      DYNAMODB_PORT: 8000,
      S3_PORT: 4569,
      DATA_DIR: join(REPO_ROOT, '.local-data'),
      TABLE_NAME: 'kdp-triage-tickets',
      RAW_MAIL_BUCKET: 'kdp-triage-raw-mail',
      RAW_MAIL_PREFIX: 'inbound/',
    });
  });

  it('reads the environment, treating empty values as unset', () => {
    const config = readLocalConfig({ SUPPORT_ADDRESS: 'Help@Example.COM', SMTP_PORT: '2626', WEB_PORT: '', DATA_DIR: 'rel/dir' });
    expect(config).toMatchObject({ SUPPORT_ADDRESS: 'help@example.com', SMTP_PORT: 2626, WEB_PORT: 3000 });
    expect(config.DATA_DIR).toBe(join(process.cwd(), 'rel/dir'));
  });

  it('fails loudly, naming every bad value', () => {
    const failure = (() => {
      try {
        readLocalConfig({ SMTP_PORT: 'twenty', S3_PORT: '70000', SUPPORT_ADDRESS: 'not an address' });
        return null;
      } catch (error) {
        return error as Error;
      }
    })();
    expect(failure).toBeInstanceOf(LocalConfigError);
    for (const name of ['SMTP_PORT', 'S3_PORT', 'SUPPORT_ADDRESS']) expect(failure?.message).toContain(name);
  });
});
