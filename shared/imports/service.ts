/**
 * Imports from the console: a supervisor names the kind and the file, gets one presigned upload URL under
 * `imports/<kind>/` (the upload starts the job, as any file put there does), then follows the import's progress and
 * downloads its rejected-rows report. Imports write the registry and facts of every segment, whatever department
 * their rows concern, so they are no department's: city-wide supervisors only (shared/auth/scope.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { requireScope } from '../auth/scope.ts';
import { importFileTypes, type ImportUploadInput, type ListImportsQuery } from '../api/schemas.ts';
import { DomainError, notFound } from '../domain-error.ts';
import { uploadUrls } from '../inspections/service.ts';
import type { FileStore, ImportProgressStore } from '../store/ports.ts';
import { defaults, filesBucket } from '../store/resources.ts';
import { importTarget } from './job.ts';
import { importKindLabels } from './kind-labels.ts';
import { importKinds } from './kinds.ts';
import { importIdOf, rejectedRowsKey, type ImportProgress } from './progress.ts';

export interface ImportDeskServices {
  imports: ImportProgressStore;
  files: FileStore;
  now: () => string;
}

const requireCityWide = (principal: Principal) => requireScope(principal, [], 'imports');

export async function requestImport(services: ImportDeskServices, principal: Principal, input: ImportUploadInput) {
  requireCityWide(principal);
  if (!Object.hasOwn(importKinds, input.kind)) {
    const kinds = Object.keys(importKinds);
    throw new DomainError('invalid', 'unknown_kind', `There is no import kind "${input.kind}"; choose one of ${kinds.join(', ')}.`, { kinds });
  }
  const extension = Object.keys(importFileTypes).find((e) => input.fileName.toLowerCase().endsWith(e)) as keyof typeof importFileTypes;
  const now = services.now();
  // A folder of its own per upload: the same file name uploaded again (corrected) is a new import with its own report.
  const key = `${filesBucket.prefixes.imports}${input.kind}/${now.slice(0, 19).replace(/[-:]/g, '')}-${randomBytes(3).toString('hex')}/${input.fileName}`;
  const progress: ImportProgress = {
    id: importIdOf(key),
    key,
    kind: input.kind,
    fileName: input.fileName,
    status: 'waiting',
    rows: 0,
    imported: 0,
    rejected: 0,
    createdAt: now,
    updatedAt: now,
    by: principal.subject,
    size: input.size,
    uploadBy: new Date(Date.parse(now) + defaults.presignedUrlSeconds * 1000).toISOString(),
  };
  await services.imports.createImport(progress);
  const [upload] = await uploadUrls(services, [{ name: input.fileName, key, size: input.size, contentType: importFileTypes[extension] }], true);
  return { ...progress, upload: upload! };
}

/** An import's progress and, once it is done, the link to its rejected-rows report. */
export async function importStatus(services: ImportDeskServices, principal: Principal, id: string) {
  requireCityWide(principal);
  const progress = await services.imports.getImport(id);
  if (!progress) throw notFound('import', id);
  const target = importTarget(progress.key);
  if (progress.status !== 'done' || !target) return progress;
  const saveAs = `${progress.fileName.replace(/\.[^.]*$/, '')}.rejected-rows.csv`;
  return { ...progress, report: { url: await services.files.downloadUrl(rejectedRowsKey(target.reports), saveAs), rows: progress.rejected } };
}

export async function listImports(services: ImportDeskServices, principal: Principal, query: ListImportsQuery) {
  requireCityWide(principal);
  const page = await services.imports.listImports({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  // What can be imported, called and described in both languages from their one declaration (kind-labels.ts), for the form.
  return { ...page, kinds: Object.entries(importKindLabels).map(([name, label]) => ({ name, label })) };
}
