/**
 * An error on a console screen: the app's ErrorNotice, with the fields a refused body names (`inspectorIds`,
 * `window.end`, `items.3`) said as the console's forms label them, in the reader's language. One catalogue for every
 * console form, as the API names a field the same wherever it takes it; a path it does not know is shown as sent.
 */
import { ApiError } from '../app/api.ts';
import { ErrorNotice } from '../app/ui.tsx';
import { useConsoleText, type ConsoleKey } from './text.ts';

const fieldLabels: Record<string, ConsoleKey> = {
  entityId: 'fieldCompany',
  departments: 'planDepartments',
  items: 'planItems',
  window: 'fieldWindow',
  'window.start': 'windowStart',
  'window.end': 'windowEnd',
  inspectorIds: 'planInspectors',
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  justification: 'planJustification',
  note: 'fieldNote',
  assignee: 'columnAssignee',
  kind: 'importsKind',
  fileName: 'importsFile',
  size: 'importsFile',
};

/** `items.3` → "检查事项 第 4 项": the longest labelled start of the path, then which entry of a list. */
export function useConsoleFieldName(): (path: string) => string {
  const { c } = useConsoleText();
  return (path) => {
    const parts = path.split('.');
    for (let length = parts.length; length > 0; length--) {
      const key = fieldLabels[parts.slice(0, length).join('.')];
      if (!key) continue;
      const entry = parts[length];
      return entry !== undefined && /^\d+$/.test(entry) ? c('fieldEntry', { field: c(key), n: Number(entry) + 1 }) : c(key);
    }
    return path;
  };
}

export function ConsoleErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const fieldName = useConsoleFieldName();
  const said =
    error instanceof ApiError && error.details.length > 0
      ? new ApiError(error.problem, error.message, error.details.map((d) => ({ ...d, path: d.path && fieldName(d.path) })), error.checkedHere, error.code)
      : error;
  return <ErrorNotice error={said} {...(onRetry ? { onRetry } : {})} />;
}
