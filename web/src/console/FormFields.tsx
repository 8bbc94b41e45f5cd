/** Fields the console's planning forms share (a draw, an inspection planned by hand): the visit's window and whom to call. */
import type { DateWindow } from '#shared/api/schemas.ts';
import { useConsoleText } from './text.ts';

export function WindowFields({ window, onChange }: { window: DateWindow; onChange: (window: DateWindow) => void }) {
  const { c } = useConsoleText();
  return (
    <div className="filter-row">
      <label className="field">
        <span>{c('windowStart')}</span>
        <input type="date" value={window.start} onChange={(event) => onChange({ ...window, start: event.target.value })} required />
      </label>
      <label className="field">
        <span>{c('windowEnd')}</span>
        <input type="date" value={window.end} onChange={(event) => onChange({ ...window, end: event.target.value })} required />
      </label>
    </div>
  );
}

export function ContactFields({ contact, onChange }: { contact: { name: string; phone: string }; onChange: (contact: { name: string; phone: string }) => void }) {
  const { c } = useConsoleText();
  return (
    <div className="filter-row">
      <label className="field">
        <span>{c('contactName')}</span>
        <input value={contact.name} onChange={(event) => onChange({ ...contact, name: event.target.value })} required />
      </label>
      <label className="field">
        <span>{c('contactPhone')}</span>
        <input type="tel" value={contact.phone} onChange={(event) => onChange({ ...contact, phone: event.target.value })} required />
      </label>
    </div>
  );
}
