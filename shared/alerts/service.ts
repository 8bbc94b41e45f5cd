/** Use cases of smart-kitchen alerts: devices registered to a company, alerts they post, the company's answer. */
import { today } from '../services.ts';
import type { Principal } from '../auth/principal.ts';
import { departmentsOfSegment, requireScope } from '../auth/scope.ts';
import type { DeviceInput, ListAlertsQuery, PostAlertInput, SubmitRectificationInput } from '../api/schemas.ts';
import { localDay } from '../dates.ts';
import { DomainError, notFound } from '../domain-error.ts';
import { requireAccess } from '../inspections/access.ts';
import { uploadUrls } from '../inspections/service.ts';
import type { FileServices } from '../services.ts';
import type { AlertStore, EventPublisher, JobQueue } from '../store/ports.ts';
import { defaults, filesBucket } from '../store/resources.ts';
import { changeVersioned } from '../versioned.ts';
import { alertId, newAlert, type Alert, type Device } from './alert.ts';
import { countMetric, metricNames } from '../telemetry/metrics.ts';

export interface AlertServices extends FileServices {
  alerts: AlertStore;
  jobs: JobQueue;
  events: EventPublisher;
  /** The authority's time zone: an alert counts on its calendar day there. */
  timeZone: string;
}

/**
 * Registers or replaces a device. It belongs to the company it watches, so a supervisor manages only devices of
 * companies their department supervises: the one watched before (no taking over another's camera) and the one after.
 */
export async function registerDevice(services: AlertServices, principal: Principal, id: string, input: DeviceInput): Promise<{ device: Device; created: boolean }> {
  const existing = await services.alerts.getDevice(id);
  if (existing) await requireCompanyScope(services, principal, existing.entityId, `device ${id}, which watches ${existing.entityId}`);
  const watched = await requireCompanyScope(services, principal, input.entityId, `a device watching ${input.entityId}`);
  if (!watched) throw new DomainError('invalid', 'unknown_entity', `No entity with id "${input.entityId}"; register it first with PUT /entities/{id}.`);
  const device: Device = { ...input, id, updatedAt: services.now() };
  await services.alerts.putDevice(device);
  return { device, created: !existing };
}

/** The company's supervisors (by its segment) act for it; a company not registered is owned by no department. */
async function requireCompanyScope(services: AlertServices, principal: Principal, entityId: string, what: string) {
  const entity = await services.store.getEntity(entityId);
  requireScope(principal, entity ? departmentsOfSegment(entity.segment) : [], what);
  return entity;
}

const snapshotKey = (id: string) => `${filesBucket.prefixes.evidence}alerts/${id}/snapshot`;
/** Camera clocks drift; an alert from further ahead than this is refused as a wrong clock. */
const clockSkewMs = 5 * 60_000;

/**
 * Records a device's alert once and, unless the device is over its rate, asks for the company to be evaluated at
 * once (warning models and triggers); over the rate, the alert is kept and the next sweep evaluates it.
 */
export async function postAlert(services: AlertServices, principal: Principal, input: PostAlertInput) {
  requireAccess(principal.role === 'device' && principal.deviceId !== undefined, 'Only registered devices post alerts.');
  const deviceId = principal.deviceId!;
  const device = await services.alerts.getDevice(deviceId);
  if (!device || !device.active) {
    throw new DomainError('forbidden', 'device_not_registered', `Device ${deviceId} is not registered or not active; a supervisor registers it with PUT /devices/${deviceId}.`);
  }
  if (device.entityId !== input.entityId) throw new DomainError('forbidden', 'device_not_bound', `Device ${deviceId} watches ${device.entityId}, not ${input.entityId}; it may only report for the company it is bound to.`);
  if (!device.cameras.includes(input.cameraId)) {
    throw new DomainError('invalid', 'unknown_camera', `Camera ${input.cameraId} is not one of device ${deviceId}'s (${device.cameras.join(', ')}); register it with PUT /devices/${deviceId}.`);
  }
  if (Date.parse(input.at) > Date.parse(services.now()) + clockSkewMs) {
    throw new DomainError('invalid', 'alert_in_future', `The alert is dated ${input.at}, in the future; check the device's clock.`);
  }

  const id = alertId(deviceId, input.reference);
  const replayed = await services.alerts.getAlert(id);
  if (replayed) return { alert: replayed, created: false, upload: await snapshotUpload(services, replayed, false) };

  const now = services.now();
  const sentThisMinute = await services.alerts.countDeviceMinute(deviceId, now.slice(0, 16));
  const deferred = sentThisMinute > defaults.alertsPerDeviceMinute;
  const alert = newAlert(deviceId, input, localDay(input.at, services.timeZone), input.evidence ? snapshotKey(id) : undefined, deferred, now);
  if (!(await services.alerts.recordAlert(alert))) {
    // The same alert sent twice at once: the other request stored it.
    const stored = (await services.alerts.getAlert(id))!;
    return { alert: stored, created: false, upload: await snapshotUpload(services, stored, false) };
  }
  await services.store.count({ [`alerts.type.${alert.type}`]: 1, ...(deferred ? { 'alerts.deferred': 1 } : {}) }, today(services));
  countMetric(metricNames.alerts);
  await services.events.publish([{ type: 'alert.received', detail: { id, entityId: alert.entityId, deviceId, cameraId: alert.cameraId, type: alert.type, at: alert.at, deferred } }]);
  if (!deferred) await services.jobs.send([{ kind: 'evaluate', entityIds: [alert.entityId] }]);
  return { alert, created: true, upload: await snapshotUpload(services, alert, true) };
}

/** The snapshot's upload, unless it is stored already: a replayed alert cannot replace its evidence. */
const snapshotUpload = async (services: FileServices, alert: Alert, created: boolean) => {
  const [upload] = alert.evidence ? await uploadUrls(services, [{ ...alert.evidence, name: 'snapshot' }], created) : [];
  return upload && { method: upload.method, url: upload.url, headers: upload.headers, expiresInSeconds: defaults.presignedUrlSeconds };
};

/** A company's alerts (its own only), or for a supervisor one company's, newest first, with links to the snapshots. */
export async function listAlerts(services: AlertServices, principal: Principal, query: ListAlertsQuery) {
  const entityId = principal.role === 'company' ? principal.entityId : query.entityId;
  requireAccess(principal.role === 'company' || principal.role === 'supervisor', 'Only supervisors and the company itself read its alerts.');
  if (!entityId) throw new DomainError('invalid', 'entity_required', 'Supervisors list one company at a time: add ?entityId=<id>.');
  if (principal.role === 'supervisor') await requireCompanyScope(services, principal, entityId, `the alerts of ${entityId}`);
  const page = await services.alerts.alertsOfEntity(entityId, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  const items = await Promise.all(
    page.items.map(async ({ version: _version, ...alert }) => ({
      ...alert,
      ...(alert.evidence ? { evidence: { ...alert.evidence, downloadUrl: await services.files.downloadUrl(alert.evidence.key) } } : {}),
    })),
  );
  return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** The company answers an alert with what it did, and gets one upload URL per evidence file. */
export async function respondToAlert(services: AlertServices, principal: Principal, id: string, input: SubmitRectificationInput) {
  const evidenceKey = (index: number, name: string) => `${filesBucket.prefixes.evidence}alerts/${id}/${index + 1}-${name}`;
  const { record, changed } = await changeVersioned(
    async () => {
      const alert = await services.alerts.getAlert(id);
      // Another company's alert is "not found", as for inspections.
      if (!alert || principal.role !== 'company' || alert.entityId !== principal.entityId) throw notFound('alert', id);
      return alert;
    },
    (next) => services.alerts.saveAlert(next),
    (current): Alert => {
      if (current.response) {
        if (current.response.note === input.note) return current;
        throw new DomainError('conflict', 'already_answered', 'This alert was answered already; answer the next one, or rectify through the inspection it led to.');
      }
      const evidence = input.files.map((file, index) => ({ ...file, key: evidenceKey(index, file.name) }));
      return { ...current, status: 'answered', response: { note: input.note, evidence, by: principal.subject, at: services.now() } };
    },
  );
  const uploads = await uploadUrls(services, record.response!.evidence, changed);
  const { version: _version, ...alert } = record;
  return { alert, created: changed, uploads };
}
