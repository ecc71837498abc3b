import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ZodError } from 'zod';
import { ConflictError, NotFoundError } from '../../shared/ports/errors.ts';
import { ReplyInputError } from '../../shared/reply/compose-reply.ts';
import { BadCursorError } from '../../shared/queue/list-tickets.ts';
import { InvalidCursorError } from '../../shared/tickets/store-support.ts';

/**
 * The API's error vocabulary. Codes are stable (the page and scripts branch on them); messages
 * are for people. `toErrorResponse` is the one place errors become statuses.
 */
export const ERROR_CODES = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  invalid_request: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  precondition_required: 428,
  version_conflict: 409,
  reply_not_allowed: 422,
  payload_too_large: 413,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

function classify(err: unknown): { code: ErrorCode; message: string; details?: unknown } {
  if (err instanceof HttpError) return { code: err.code, message: err.message, details: err.details };
  if (err instanceof ZodError) {
    return {
      code: 'invalid_request',
      message: 'the request is not valid',
      details: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  }
  if (err instanceof NotFoundError) return { code: 'not_found', message: 'no such ticket' };
  if (err instanceof ConflictError) {
    return {
      code: 'version_conflict',
      message: 'the ticket changed since you read it; reload and try again',
      details: err.current ? { currentVersion: err.current.version } : undefined,
    };
  }
  if (err instanceof InvalidCursorError || err instanceof BadCursorError) return { code: 'invalid_cursor', message: 'the cursor is not valid here' };
  if (err instanceof ReplyInputError) return { code: 'reply_not_allowed', message: `this reply cannot be sent (${err.code})` };
  return { code: 'internal', message: 'something went wrong on our side' };
}

/**
 * Any error as the JSON the API promises. Unexpected errors become a bare 500 (their message
 * may hold internals) and are reported through `log` with the request id.
 */
export function toErrorResponse(err: unknown, log: (err: unknown, code: ErrorCode) => void): APIGatewayProxyStructuredResultV2 {
  const { code, message, details } = classify(err);
  const status = ERROR_CODES[code];
  if (status >= 500) log(err, code);
  return json(
    status,
    { error: { code, message, ...(details !== undefined && { details }) } },
    code === 'unauthorized' ? { 'www-authenticate': 'Bearer' } : {},
  );
}
