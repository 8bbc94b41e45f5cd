import type { AlertServices } from '../alerts/service.ts';
import type { DrawServices } from '../draws/service.ts';
import type { DynamoDrawStore } from './dynamodb-draw-store.ts';
import type { RiskServices } from '../risk/services.ts';
import { shippedTriggers } from '../triggers/definitions.ts';
import { warningModels } from '../warnings/models.ts';
import { drawServicesFromEnvironment } from './draw-services.ts';
import { DynamoRiskStore } from './dynamodb-risk-store.ts';
import { eventPublisherFromEnvironment } from './event-publisher.ts';

/** What the warning, trigger and alert functions run on, built once per function instance. */
export function riskServicesFromEnvironment(): RiskServices & AlertServices & DrawServices & { draws: DynamoDrawStore } {
  const base = drawServicesFromEnvironment();
  const risk = new DynamoRiskStore(base.draws.client, base.draws.tableName);
  return {
    ...base,
    risk,
    alerts: risk,
    pool: base.draws,
    events: eventPublisherFromEnvironment(),
    // Parsed on first use, not at cold start: the clue-queue and alert functions never read them.
    get warningModels() {
      return warningModels();
    },
    get triggers() {
      return shippedTriggers();
    },
    // Sweeps on demand; scheduled sweeps carry the segments of their schedule.
    segments: 16,
  };
}
