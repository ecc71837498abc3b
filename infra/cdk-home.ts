import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './bundling.ts';

/**
 * aws-cdk-lib keeps an asset fingerprint cache under `os.homedir()/.cdk/cache` with no setting to
 * move or disable it, and the project keeps tools' caches out of HOME. So the synthesizing
 * process (and only it) gets HOME pointed into the repository's ignored `.cache/`. The CDK CLI's
 * own cache is moved with CDK_HOME in the npm scripts.
 */
export const CDK_CACHE_HOME = join(REPO_ROOT, '.cache', 'cdk-home');

/** Points HOME at CDK_CACHE_HOME; returns a function that restores the previous value. */
export function useRepoCdkHome(): () => void {
  const previous = process.env.HOME;
  mkdirSync(CDK_CACHE_HOME, { recursive: true });
  process.env.HOME = CDK_CACHE_HOME;
  return () => {
    if (previous === undefined) delete process.env.HOME;
    else process.env.HOME = previous;
  };
}
