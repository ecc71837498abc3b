import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod's tree-shakable API (`zod/mini`: functions instead of methods, same core, same parsing),
 * for the schemas the Lambda handlers load: the classic API's methods keep all of zod in a
 * bundle (≈ 93 KB against ≈ 25 KB). zod/mini ships no messages of its own ("Invalid input"),
 * so the English ones the classic API installs on first use are installed here too; config
 * errors and rejected events read the same either way. Import it as `import * as z` — a star
 * import keeps tree-shaking working, a re-exported namespace object would not.
 */
config(en());

export * from 'zod/mini';
