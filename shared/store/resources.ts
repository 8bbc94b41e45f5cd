/**
 * Every table, index, bucket prefix and environment variable the functions rely on, declared once.
 * The CDK stack (`infra/`), the local stack (`local/`) and the tests all build from these objects, so a key
 * or index cannot exist in one place and not in the other.
 */

export const mainTable = {
  logicalId: 'MainTable',
  /** Name used by the local stack; on AWS CloudFormation names the table and passes it in `TABLE_NAME`. */
  localName: 'supervision-code-main',
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * Items with this attribute (epoch seconds) are deleted by DynamoDB after that time: per-minute device counters, and
   * scan-log entries once the statutory log period after their code's expiry has passed.
   */
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    /**
     * Items listed under a parent, one index for several lists: a company's inspections (`ENTITY#<id>` /
     * `INSPECTION#<window start>#<id>`), a segment's entities for draw pools (`SEGMENT#<segment>` /
     * `<district>#<id>`), a department's inspectors (`DEPARTMENT#<department>` / `<district>#<id>`), warning clues by
     * status (`CLUES#<status>` / `<due day>#<id>`), a company's alerts (`ALERTS#<entity>` / `<at>#<id>`).
     */
    byParent: { name: 'byParent', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /**
     * Inspections by the last day of their window under their state, for the console's lists and the overview's
     * counts: `INSPECTIONS#open` (scheduled or on site: no results yet) or `INSPECTIONS#<status>` / `<window end>#<id>`.
     * "Overdue" and "due this week" are then key ranges of the open partition, never a scan of past inspections.
     */
    byDue: { name: 'byDue', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  },
} as const;

export const filesBucket = {
  logicalId: 'FilesBucket',
  localName: 'supervision-code-files',
  prefixes: {
    /** Rendered QR codes, `qr/<code>.svg` and `qr/<code>.png`. */
    qr: 'qr/',
    /**
     * Rectification evidence uploaded by companies, `evidence/<inspection>/<submission>/<n>-<file>`; alert snapshots
     * `evidence/alerts/<alert>/snapshot` and companies' answers `evidence/alerts/<alert>/<n>-<file>`.
     */
    evidence: 'evidence/',
    /** Draw snapshots and outcomes, `draws/<draw>/pool.ndjson`, `inspectors.ndjson`, `outcome.json`. */
    draws: 'draws/',
    /** Files to import: a file put under `imports/<kind>/` is imported by itself. */
    imports: 'imports/',
    /** What each import found: `import-reports/<kind>/<file>/part-<n>.csv` and `summary.json`. */
    importReports: 'import-reports/',
  },
  /**
   * Browsers on the web app's origin fetch draw files (in-browser verification) and upload evidence through
   * presigned URLs, which are on the bucket's origin. Any origin may: a presigned URL carries its own authority.
   */
  cors: { origins: ['*'], methods: ['GET', 'PUT', 'HEAD'], headers: ['content-type', 'if-none-match'], maxAgeSeconds: 3000 },
} as const;

/** The `source` of every event the platform puts on its EventBridge bus: what rules match on. */
export const eventSource = 'supervision-code';

/** Environment variables read by the functions; the stack and the local stack set exactly these. */
export const env = {
  tableName: 'TABLE_NAME',
  filesBucket: 'FILES_BUCKET',
  /** Base URL printed in QR codes; when unset, the URL the request came in on is used. */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** Days a code stays valid after the last day of its inspection window. */
  codeGraceDays: 'CODE_GRACE_DAYS',
  authIssuer: 'AUTH_ISSUER',
  authAudience: 'AUTH_AUDIENCE',
  /** The queue of long jobs (draws, scoring, imports). */
  jobQueueUrl: 'JOB_QUEUE_URL',
  /** Parallel-scan segments a nightly scoring run fans out over. */
  scoringSegments: 'SCORING_SEGMENTS',
  /** Milliseconds one import step may run before it hands over to the next. */
  importBudgetMs: 'IMPORT_BUDGET_MS',
  /** The authority's IANA time zone: what "today" means for rule windows and due days. */
  timeZone: 'TIME_ZONE',
  /** The EventBridge bus new clues, escalations and trigger inspections are published on. */
  eventBusName: 'EVENT_BUS_NAME',
  /** Days a scan-log entry is kept after the later of the scan and its code's expiry (cdk.json `logRetentionDays`). */
  scanLogDays: 'SCAN_LOG_DAYS',
  /** Only set by the local stack: S3 emulators need path-style URLs. */
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
  /** The KMS key draw seeds are sealed with until execution (AWS). */
  seedKeyId: 'SEED_KEY_ID',
  /** The local stand-in for it: a file holding an AES-256 key. */
  seedKeyFile: 'SEED_KEY_FILE',
} as const;

export const defaults = {
  codeGraceDays: 30,
  /** China's Cybersecurity Law (art. 21): network logs are kept at least six months. */
  scanLogDays: 180,
  timeZone: 'Asia/Shanghai',
  /** Presigned QR and evidence URLs. */
  presignedUrlSeconds: 15 * 60,
  /** Alerts one device may send in a minute before further ones wait for the sweep to be evaluated. */
  alertsPerDeviceMinute: 30,
} as const;

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set; the stack (or the local stack) sets it.`);
  return value;
}
