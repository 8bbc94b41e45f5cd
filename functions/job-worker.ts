import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { isoDate } from '#shared/api/schemas.ts';
import { runDrawJob } from '#shared/draws/service.ts';
import { runImportJob } from '#shared/imports/job.ts';
import { runScoringJob } from '#shared/scoring/jobs.ts';
import { loadModels } from '#shared/scoring/models.ts';
import { evaluatingAfterWrite, runRiskJob } from '#shared/risk/jobs.ts';
import { riskServicesFromEnvironment } from '#shared/store/risk-services.ts';
import { DynamoImportProgress } from '#shared/store/dynamodb-import-progress.ts';
import { DynamoImportSink } from '#shared/store/dynamodb-import-sink.ts';
import { DynamoScoringStore } from '#shared/store/dynamodb-scoring-store.ts';
import { env } from '#shared/store/resources.ts';
import { countMetric, durationMetric, metricDimensions, metricNames } from '#shared/telemetry/metrics.ts';
import { flushMetrics, logger } from '#shared/telemetry/powertools.ts';
import { tracer } from '#shared/telemetry/tracer.ts';

// Draws, warnings and triggers share one set of clients: the risk services are the draw services and more.
const draws = riskServicesFromEnvironment();
// Every DynamoDB call a job makes shows in its trace (the store classes share this one client).
tracer.captureAWSv3Client(draws.draws.client);
const scoring = {
  scoring: new DynamoScoringStore(draws.draws.client, draws.draws.tableName),
  jobs: draws.jobs,
  models: loadModels(),
  now: draws.now,
  timeZone: draws.timeZone,
  segments: Number(process.env[env.scoringSegments] ?? 16),
  log: draws.log,
};

const imports = {
  files: draws.files,
  // Facts imported are evaluated by the warning models and triggers as each chunk lands.
  sink: evaluatingAfterWrite(new DynamoImportSink(draws.draws.client, draws.draws.tableName, draws.now), draws.jobs),
  jobs: draws.jobs,
  progress: new DynamoImportProgress(draws.draws.client, draws.draws.tableName),
  now: draws.now,
  // Leaves a good margin of the worker's 15 minutes for the last chunk and the report.
  budgetMs: Number(process.env[env.importBudgetMs] ?? 10 * 60_000),
  log: draws.log,
};

const sweep = z.enum(['warnings', 'triggers']);
const job = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), drawId: z.string() }),
  z.object({ kind: z.literal('run'), drawId: z.string() }),
  z.object({ kind: z.literal('issue'), drawId: z.string(), batch: z.number(), entityIds: z.array(z.string()) }),
  z.object({ kind: z.literal('score-start'), asOf: z.optional(isoDate) }),
  z.object({ kind: z.literal('score-segment'), runId: z.string(), asOf: isoDate, segment: z.number(), segments: z.number() }),
  z.object({ kind: z.literal('evaluate'), entityIds: z.array(z.string()), asOf: z.optional(isoDate) }),
  z.object({ kind: z.literal('sweep-start'), sweep, asOf: z.optional(isoDate), segments: z.optional(z.number()) }),
  z.object({ kind: z.literal('sweep-segment'), sweep, asOf: isoDate, segment: z.number(), segments: z.number() }),
  z.object({
    kind: z.literal('import'),
    key: z.string(),
    fromRow: z.optional(z.number()),
    part: z.optional(z.number()),
    totals: z.optional(z.object({ imported: z.number(), rejected: z.number() })),
  }),
]);

const kindOf = (body: string) => {
  try {
    const kind = (JSON.parse(body) as { kind?: unknown }).kind;
    return typeof kind === 'string' && kind.length <= 32 ? kind : 'unknown';
  } catch {
    return 'unknown';
  }
};

async function run(body: string) {
  const parsed = job.parse(JSON.parse(body));
  if (parsed.kind === 'score-start' || parsed.kind === 'score-segment') await runScoringJob(scoring, parsed);
  else if (parsed.kind === 'import') await runImportJob(imports, parsed);
  else if (parsed.kind === 'evaluate' || parsed.kind === 'sweep-start' || parsed.kind === 'sweep-segment') await runRiskJob(draws, parsed);
  else await runDrawJob(draws, parsed);
}

/**
 * Takes jobs from the queue (draws, scoring, imports, warnings and triggers); a failed job goes back to the queue,
 * and after repeated failures to the DLQ. Each job's lines carry its message id and kind; its duration and failure
 * are metrics by kind.
 */
export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(flushMetrics())
  .handler(async (event) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const message of event.Records) {
      const kind = kindOf(message.body);
      const byKind = { [metricDimensions.job]: kind };
      logger.appendKeys({ messageId: message.messageId, job: kind });
      const started = performance.now();
      try {
        await run(message.body);
      } catch (error) {
        logger.error('job failed', { error: error as Error, body: message.body });
        countMetric(metricNames.jobFailures, 1, byKind);
        batchItemFailures.push({ itemIdentifier: message.messageId });
      } finally {
        durationMetric(metricNames.jobDuration, performance.now() - started, byKind);
      }
    }
    return { batchItemFailures };
  });
