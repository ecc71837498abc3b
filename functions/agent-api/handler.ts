import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { authenticate, type AuthConfig } from './auth.ts';
import { toErrorResponse } from './errors.ts';
import { lowerHeaders, parseJsonBody } from './router.ts';
import { agentRoutes, type RouteDeps } from './routes.ts';
import { agentApiDepsFromEnv } from './deps.ts';

export type AgentApiHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export interface AgentApiDeps extends Omit<RouteDeps, 'now'> {
  auth: AuthConfig;
  now?: () => Date;
  logger?: Logger;
}

/**
 * The agents' API as one function of an API Gateway HTTP API (v2) event: authenticate, route,
 * validate (inside the routes, with zod), call the use case, map the result or the error.
 * The local server calls this very function with events it builds from node:http requests.
 */
export function createAgentApi(deps: AgentApiDeps): AgentApiHandler {
  const logger = deps.logger ?? new Logger({ serviceName: 'agent-api' });
  const router = agentRoutes({ ...deps, now: deps.now ?? (() => new Date()) });
  return async (event) => {
    const method = event.requestContext.http.method;
    const path = event.rawPath || event.requestContext.http.path;
    try {
      const agent = authenticate(event, deps.auth);
      const { run, params } = router.match(method, path);
      return await run({
        agent,
        params,
        query: Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
        headers: lowerHeaders(event),
        body: method === 'GET' ? undefined : parseJsonBody(event),
      });
    } catch (err) {
      return toErrorResponse(err, (e, code) =>
        logger.error('request failed', { code, method, path, requestId: event.requestContext.requestId, error: e as Error }),
      );
    }
  };
}

let built: AgentApiHandler | undefined;

/** Lambda entry point: dependencies (clients, config) built once per container, on first use. */
export const handler: AgentApiHandler = async (event) => {
  built ??= createAgentApi(agentApiDepsFromEnv());
  return built(event);
};
