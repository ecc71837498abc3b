import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (infra/bundle-plugins.ts).
 * The SDK's default chain tries the environment first and, failing that, SSO, shared ini files,
 * credential processes, web identity tokens and the container/instance metadata services — code
 * that pulls in the STS, SSO, SSO-OIDC and sign-in clients. Lambda hands a function its role's
 * credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, and without
 * AWS_PROFILE (which Lambda never sets) the default chain settles on exactly that first link,
 * so in Lambda this is the same provider. Run unbundled (npm start, tests, CLI), the handlers
 * keep the full chain. Missing variables fail loudly, with the SDK's own error.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> => fromEnv(init);
