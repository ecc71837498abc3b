import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, parse, relative, resolve, sep } from 'node:path';

/** Written into a data dir we created, so `--reset` never deletes a folder that is not ours. */
export const DATA_DIR_MARKER = '.kdp-triage-local-data';

export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

export function prepareDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const marker = join(dir, DATA_DIR_MARKER);
  if (!existsSync(marker)) writeFileSync(marker, 'Local data of `npm start` (kdp-triage). `npm start -- --reset` deletes this folder.\n');
}

/**
 * Deletes the local data (`npm start -- --reset`). Only a folder carrying our marker, or an empty
 * one, and never the filesystem root, the home folder or a folder holding the repository.
 */
export function resetDataDir(dir: string, repoRoot: string): void {
  const target = resolve(dir);
  if (!existsSync(target)) return;
  const holdsRepo = !relative(target, resolve(repoRoot)).startsWith('..') && !relative(target, resolve(repoRoot)).startsWith(sep);
  if (target === parse(target).root || target === resolve(homedir()) || holdsRepo) {
    throw new DataDirError(`refusing to reset ${target}: it is the root, the home folder or holds the repository`);
  }
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.includes(DATA_DIR_MARKER)) {
    throw new DataDirError(`refusing to reset ${target}: it has no ${DATA_DIR_MARKER} marker, so it was not created by npm start`);
  }
  rmSync(target, { recursive: true, force: true });
}
