import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR_MARKER, DataDirError, prepareDataDir, resetDataDir } from '../../../local/data-dir.ts';

const made: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdp-triage-datadir-'));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('local data dir', () => {
  it('marks the folder it prepares and resets it', () => {
    const root = scratch();
    const dir = join(root, '.local-data');
    prepareDataDir(dir);
    expect(existsSync(join(dir, DATA_DIR_MARKER))).toBe(true);
    mkdirSync(join(dir, 'dynamodb'));
    writeFileSync(join(dir, 'dynamodb', 'shared-local-instance.db'), 'x');
    resetDataDir(dir, join(root, 'repo'));
    expect(existsSync(dir)).toBe(false);
  });

  it('does nothing for a folder that does not exist, and resets an empty one', () => {
    const root = scratch();
    resetDataDir(join(root, 'absent'), join(root, 'repo'));
    mkdirSync(join(root, 'empty'));
    resetDataDir(join(root, 'empty'), join(root, 'repo'));
    expect(existsSync(join(root, 'empty'))).toBe(false);
  });

  it('refuses a folder that is not ours, the repository or its parents', () => {
    const root = scratch();
    const foreign = join(root, 'photos');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'cat.jpg'), 'x');
    expect(() => resetDataDir(foreign, join(root, 'repo'))).toThrow(DataDirError);
    expect(existsSync(join(foreign, 'cat.jpg'))).toBe(true);

    const repo = join(root, 'repo');
    prepareDataDir(repo); // even carrying the marker
    expect(() => resetDataDir(repo, repo)).toThrow(/holds the repository/);
    expect(() => resetDataDir(root, repo)).toThrow(/holds the repository/);
    expect(() => resetDataDir('/', repo)).toThrow(DataDirError);
    expect(existsSync(repo)).toBe(true);
  });
});
