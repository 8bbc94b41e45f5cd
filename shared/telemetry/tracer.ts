/**
 * X-Ray tracing through Powertools Tracer: the handler as a subsegment, AWS SDK calls as theirs (DynamoDB through
 * its captured client, the others through the HTTPS capture Tracer turns on). Off outside Lambda.
 *
 * Kept apart from shared/telemetry/powertools.ts: the X-Ray SDK is ~120 KB minified, more than the public scan's
 * bundle budget allows, so only the functions that import this module carry it (the job worker); the others are
 * traced by Lambda's active tracing alone (infra/constructs/lambda-function.ts).
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { serviceName } from './metrics.ts';

export const tracer = new Tracer({ serviceName });
