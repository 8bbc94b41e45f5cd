import type { FileStore, Store } from './store/ports.ts';
import { localDay } from './dates.ts';
import { defaults, env } from './store/resources.ts';

/** What the use cases need from the outside world; handlers build it once, tests build it over local engines or mocks. */
export interface Services {
  store: Store;
  now: () => string;
  codeGraceDays: number;
  /** The authority's IANA time zone: which calendar day an instant is on, for every day shown or reasoned about. */
  timeZone: string;
  /** Days a scan-log entry is kept after the later of the scan and its code's expiry. */
  scanLogDays: number;
}

/** For the use cases that also write or hand out files (QR images, evidence uploads). */
export interface FileServices extends Services {
  files: FileStore;
}

/** The clock and settings of a running function. */
export const runtimeSettings = (): Pick<Services, 'now' | 'codeGraceDays' | 'timeZone' | 'scanLogDays'> => ({
  now: () => new Date().toISOString(),
  codeGraceDays: Number(process.env[env.codeGraceDays] ?? defaults.codeGraceDays),
  timeZone: process.env[env.timeZone] ?? defaults.timeZone,
  scanLogDays: Number(process.env[env.scanLogDays] ?? defaults.scanLogDays),
});

/** Which day it is on the authority's calendar. */
export const today = (services: Pick<Services, 'now' | 'timeZone'>) => localDay(services.now(), services.timeZone);
