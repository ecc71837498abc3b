import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { createAwsClients } from '../../shared/aws-clients.ts';
import { pipelineConfig, type PipelineConfig } from '../../shared/config.ts';
import { NotFoundError, RetryableError } from '../../shared/ports/errors.ts';
import { processInbound, type InboundDeps, type InboundOutcome } from '../../shared/pipeline/process-inbound.ts';
import { inboundDeps } from './deps.ts';
import { sesEventSchema, sesMessageIdOf, toInboundMessage } from './event.ts';

/**
 * The inbound-email Lambda: SES receipt rule (S3 action first, then this, asynchronously).
 * Thin: validate the event, run the use case per record, log and count the outcome.
 *
 * Retry or not: a failure that retrying can fix — storage or SES trouble, a reply that must
 * wait for its backoff — is thrown, so Lambda retries the event (twice) and then hands it to
 * the on-failure destination; every step is idempotent, so a retry never duplicates anything.
 * A poison event — one that does not validate, or names a raw message that does not exist —
 * cannot get better: it is logged, counted as failed and dropped (the raw mail, if any, stays
 * in S3), so it never loops.
 */

export type InboundResult =
  | { sesMessageId: string; outcome: 'processed'; kind: InboundOutcome['kind']; ticketId: string; status: string }
  | { sesMessageId: string | null; outcome: 'rejected'; reason: string };

export interface InboundHandlerDeps {
  pipeline: InboundDeps;
  config: Pick<PipelineConfig, 'rawMailBucket' | 'rawMailPrefix'>;
  logger: Logger;
  metrics: Metrics;
}

export function createInboundHandler(deps: InboundHandlerDeps): (event: unknown) => Promise<InboundResult[]> {
  const { logger, metrics } = deps;
  return async (event) => {
    try {
      const parsed = sesEventSchema().safeParse(event);
      if (!parsed.success) {
        const sesMessageId = sesMessageIdOf(event);
        logger.error('rejected: not a valid SES receipt event', {
          sesMessageId,
          issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
        });
        metrics.addMetric('failed', MetricUnit.Count, 1);
        return [{ sesMessageId, outcome: 'rejected', reason: 'invalid event' }];
      }
      const results: InboundResult[] = [];
      for (const record of parsed.data.Records) {
        const message = toInboundMessage(record, { bucket: deps.config.rawMailBucket, prefix: deps.config.rawMailPrefix });
        const context = { sesMessageId: message.sesMessageId };
        metrics.addMetric('received', MetricUnit.Count, 1);
        let outcome: InboundOutcome;
        try {
          outcome = await processInbound(deps.pipeline, message);
        } catch (error) {
          if (error instanceof NotFoundError) {
            logger.error('rejected: raw message not found', { ...context, key: message.raw.key, error: errorSummary(error) });
            metrics.addMetric('failed', MetricUnit.Count, 1);
            results.push({ sesMessageId: message.sesMessageId, outcome: 'rejected', reason: 'raw message not found' });
            continue;
          }
          logger.warn('failed, will be retried', { ...context, error: errorSummary(error) });
          metrics.addMetric('failed', MetricUnit.Count, 1);
          throw error;
        }
        logOutcome(deps, message.sesMessageId, outcome);
        results.push({ sesMessageId: message.sesMessageId, outcome: 'processed', kind: outcome.kind, ticketId: outcome.ticketId, status: outcome.status });
        if (outcome.reply?.retryLater) {
          throw new RetryableError(`reply ${outcome.reply.outboxId} waits for a retry: ${outcome.reply.detail}`);
        }
      }
      return results;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

function logOutcome({ logger, metrics }: InboundHandlerDeps, sesMessageId: string, outcome: InboundOutcome): void {
  // Ids and decisions only: never the customer's text, subject or address.
  const fields: Record<string, unknown> = { sesMessageId, messageId: outcome.messageId, ticketId: outcome.ticketId, kind: outcome.kind, status: outcome.status };
  if (outcome.kind === 'created' || outcome.kind === 'duplicate') {
    Object.assign(fields, {
      category: outcome.category,
      confidence: outcome.confidence,
      reasons: outcome.reasons.map((r) => r.code),
      reply: outcome.reply ? { outboxId: outcome.reply.outboxId, state: outcome.reply.state, sent: outcome.reply.sent } : null,
    });
  }
  logger.info('processed', fields);
  if (outcome.kind === 'follow-up') metrics.addMetric('follow-up', MetricUnit.Count, 1);
  if (outcome.kind !== 'created') return;
  if (outcome.status === 'auto-replied') metrics.addMetric('auto-replied', MetricUnit.Count, 1);
  if (outcome.status === 'needs-review') metrics.addMetric('needs-review', MetricUnit.Count, 1);
  if (outcome.status === 'quarantined') metrics.addMetric('quarantined', MetricUnit.Count, 1);
}

function errorSummary(error: unknown): { name: string; message: string } {
  const e = error as { name?: string; message?: string };
  return { name: e?.name ?? 'Error', message: (e?.message ?? String(error)).slice(0, 500) };
}

// Lambda entry point. Logger and Metrics read POWERTOOLS_SERVICE_NAME / _METRICS_NAMESPACE
// themselves; the config and SDK clients are built on the first event, once per container, so
// importing this module needs no environment.
const logger = new Logger();
const metrics = new Metrics();
let built: ((event: unknown) => Promise<InboundResult[]>) | null = null;

export const handler = async (event: unknown): Promise<InboundResult[]> => {
  if (built === null) {
    let config: PipelineConfig;
    try {
      config = pipelineConfig();
    } catch (error) {
      // Every event fails until the deployment is fixed: say so loudly, and let the events go to
      // the on-failure destination rather than be dropped.
      logger.critical('invalid configuration', { error: errorSummary(error) });
      throw error;
    }
    built = createInboundHandler({ pipeline: inboundDeps(config, createAwsClients()), config, logger, metrics });
  }
  return built(event);
};
