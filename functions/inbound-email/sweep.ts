import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { createAwsClients } from '../../shared/aws-clients.ts';
import { pipelineConfig } from '../../shared/config.ts';
import { sweepOutbox, type ReplyDeps } from '../../shared/pipeline/deliver-reply.ts';
import { inboundDeps } from './deps.ts';

/**
 * The outbox retry sweep, on a schedule (e.g. every minute): sends replies that are pending or
 * failed retryably and due, and settles claims whose lease ran out as `failed-unknown`.
 */
export function createSweepHandler(deps: ReplyDeps, logger: Logger, metrics: Metrics) {
  return async () => {
    try {
      const totals = await sweepOutbox(deps);
      logger.info('outbox swept', { ...totals });
      metrics.addMetric('reply-retried-sent', MetricUnit.Count, totals.sent);
      metrics.addMetric('reply-unknown', MetricUnit.Count, totals.unknown);
      metrics.addMetric('reply-failed', MetricUnit.Count, totals.failed);
      return totals;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

const logger = new Logger();
const metrics = new Metrics();
let built: ReturnType<typeof createSweepHandler> | null = null;

export const handler = async () => {
  built ??= createSweepHandler(inboundDeps(pipelineConfig(), createAwsClients()), logger, metrics);
  return built();
};
