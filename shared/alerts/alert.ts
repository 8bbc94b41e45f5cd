/**
 * Smart-kitchen alerts: a registered camera device, bound to one company, reports what its model saw. Each alert
 * is stored once (its id comes from the device and the device's own reference, so a replay is the same alert) as an
 * alert record and as a fact of the company, which the warning models and triggers count.
 */
import { createHash } from 'node:crypto';
import type { AlertType, DeviceInput, PostAlertInput } from '../api/schemas.ts';
import type { Fact } from '../facts/model.ts';
import type { EvidenceObject } from '../inspections/model.ts';

export interface Device extends DeviceInput {
  id: string;
  updatedAt: string;
}

export interface Alert {
  id: string;
  deviceId: string;
  entityId: string;
  cameraId: string;
  type: AlertType;
  at: string;
  /** The authority's calendar day of `at`: the day the rules count it on. */
  day: string;
  reference: string;
  confidence?: number;
  /** The snapshot, once uploaded to this key. */
  evidence?: { key: string; contentType: string; size: number };
  receivedAt: string;
  /**
   * Received while its device was over the alert rate: stored and counted, but evaluated by the next sweep rather
   * than at once, so a flood is throttled, not lost.
   */
  deferred: boolean;
  /** open until the company answers with what it did. */
  status: 'open' | 'answered';
  response?: { note: string; evidence: EvidenceObject[]; by: string; at: string };
  version: number;
}

export const alertId = (deviceId: string, reference: string) =>
  `alr_${createHash('sha256').update(`${deviceId}\n${reference}`).digest('base64url').slice(0, 22)}`;

export function newAlert(deviceId: string, input: PostAlertInput, day: string, evidenceKey: string | undefined, deferred: boolean, now: string): Alert {
  const id = alertId(deviceId, input.reference);
  return {
    id,
    deviceId,
    entityId: input.entityId,
    cameraId: input.cameraId,
    type: input.type,
    at: input.at,
    day,
    reference: input.reference,
    ...(input.confidence === undefined ? {} : { confidence: input.confidence }),
    ...(input.evidence && evidenceKey ? { evidence: { key: evidenceKey, ...input.evidence } } : {}),
    receivedAt: now,
    deferred,
    status: 'open',
    version: 1,
  };
}

/** The alert as the rules see it: a fact of kind `alert` whose detail is the alert type, on the authority's day. */
export const alertFact = (alert: Alert): Fact => ({
  id: alert.id,
  entityId: alert.entityId,
  kind: 'alert',
  date: alert.day,
  detail: alert.type,
  source: `device:${alert.deviceId}`,
});
