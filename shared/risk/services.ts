import type { DrawStore, EventPublisher, JobQueue, RiskStore } from '../store/ports.ts';
import type { FileServices } from '../services.ts';
import type { TriggerSet } from '../triggers/definitions.ts';
import type { WarningModel } from '../warnings/models.ts';

/** What the warning models, the triggers and their sweeps run on. */
export interface RiskServices extends FileServices {
  risk: RiskStore;
  /** Inspectors of a department with their workload, as a draw sees them: trigger inspections are assigned by the same rules. */
  pool: Pick<DrawStore, 'poolInspectors'>;
  events: EventPublisher;
  jobs: JobQueue;
  publicBaseUrl: string;
  warningModels: WarningModel[];
  triggers: TriggerSet;
  /** The authority's time zone: rule windows and due days are its calendar days. */
  timeZone: string;
  /** Parallel-scan segments a sweep fans out over. */
  segments: number;
  log?: (line: string) => void;
}
