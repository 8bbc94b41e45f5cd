/**
 * How far an import has come, kept per file so that the console can follow it: opened when a supervisor asks for an
 * upload URL (waiting), then set by each committed chunk of the job (running), and at the end done or failed.
 */
import { createHash } from 'node:crypto';

export const importStatuses = ['waiting', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export interface ImportProgress {
  id: string;
  /** The file's key in the files bucket, `imports/<kind>/…`. */
  key: string;
  kind: string;
  /** The file's name as uploaded. */
  fileName: string;
  status: ImportStatus;
  /** Rows read so far, good and bad. */
  rows: number;
  imported: number;
  rejected: number;
  createdAt: string;
  updatedAt: string;
  /** Who asked for the upload (absent for a file put in the bucket directly). */
  by?: string;
  size?: number;
  /** Until when the upload URL handed out works: a file not uploaded by then never will be through it. */
  uploadBy?: string;
  finishedAt?: string;
  /** Why it failed, and what to do. */
  error?: string;
}

/**
 * An import's id is derived from its file's key, so that the job (which only knows the key) and the route that
 * handed out the upload URL name the same entry, and a file put in the bucket by hand gets one too.
 */
export const importIdOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 24);

/** Where the one rejected-rows report of a finished import is: all the steps' parts together. */
export const rejectedRowsKey = (reports: string) => `${reports}rejected.csv`;
