/**
 * Plan an inspection by hand: the company (by its id, until the companies search exists), the departments (a
 * department's supervisor plans only their own part, as the API requires), the check items offered for the company's
 * segment and any others, the window, and the inspectors — each judged by the API with the rule draws assign by, the
 * ineligible shown but not selectable, with the reason. Planned, the code is issued and the notice opens to print.
 */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { departmentsOfSegment } from '#shared/auth/scope.ts';
import { addDays, localDay } from '#shared/dates.ts';
import type { Ineligibility } from '#shared/draws/eligibility.ts';
import { departmentNames } from '#shared/labels.ts';
import type { Responses } from '../app/api.ts';
import { useAuth } from '../app/auth.tsx';
import { useApi, useRead, useRefresh } from '../app/data.ts';
import { ErrorNotice, Loaded } from '../app/ui.tsx';
import { ContactFields, WindowFields } from './FormFields.tsx';
import { useConsoleText, type ConsoleKey } from './text.ts';

type Options = Responses['eligibleInspectors'];

const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

export default function PlanInspection() {
  const text = useConsoleText();
  const { c } = text;
  const { principal } = useAuth();
  const today = localDay(new Date(), text.timeZone);
  const [typed, setTyped] = useState('');
  const [entityId, setEntityId] = useState('');
  const entity = useRead('getEntity', { params: { id: entityId } }, { enabled: entityId !== '' });
  const [departments, setDepartments] = useState<string[]>(principal?.department ? [principal.department] : []);
  const [window, setWindow] = useState({ start: addDays(today, 14), end: addDays(today, 16) });
  const [crossDistrict, setCrossDistrict] = useState(false);
  const ready = entity.data !== undefined && departments.length > 0 && window.start !== '' && window.end >= window.start;
  const options = useRead(
    'eligibleInspectors',
    { params: { id: entityId }, query: { departments: departments.join(','), start: window.start, end: window.end, crossDistrict: String(crossDistrict) } },
    { enabled: ready },
  );

  function find(event: React.FormEvent) {
    event.preventDefault();
    setEntityId(typed.trim());
  }
  // A city-wide supervisor starts from the first department that supervises the company's segment.
  const segment = entity.data?.segment;
  useEffect(() => {
    const first = segment && departmentsOfSegment(segment)[0];
    if (!principal?.department && first) setDepartments((chosen) => (chosen.length ? chosen : [first]));
  }, [segment, principal?.department]);

  return (
    <div className="plan-inspection">
      <h1>{c('planTitle')}</h1>
      <p className="hint">{c('planHint')}</p>
      <form onSubmit={find} className="plan-find">
        <label className="field">
          <span>{c('planCompany')}</span>
          <input value={typed} onChange={(event) => setTyped(event.target.value)} aria-describedby="company-hint" required />
        </label>
        <button type="submit" className="secondary">
          {c('planFind')}
        </button>
      </form>
      <p id="company-hint" className="hint">
        {c('planCompanyHint')}
      </p>
      {entityId !== '' && (
        <Loaded query={entity}>
          {(company) => (
            <p role="status">
              <strong>{c('planCompanyFound', { name: text.text(company.name), segment: text.segment(company.segment), district: text.district(company.district) })}</strong>
            </p>
          )}
        </Loaded>
      )}
      <fieldset>
        <legend>{c('planDepartments')}</legend>
        <div className="filter-row">
          {Object.keys(departmentNames).map((id) => (
            <label key={id} className="choice">
              {/* A department's supervisor plans their own department's part only: the API refuses any other. */}
              <input type="checkbox" checked={departments.includes(id)} disabled={Boolean(principal?.department)} onChange={() => setDepartments(toggle(departments, id))} />
              {text.department(id)}
            </label>
          ))}
        </div>
      </fieldset>
      <WindowFields window={window} onChange={setWindow} />
      <label className="choice">
        <input type="checkbox" checked={crossDistrict} onChange={() => setCrossDistrict(!crossDistrict)} />
        {c('crossDistrict')}
      </label>
      {ready ? <Loaded query={options}>{(judged) => <PlanForm key={`${entityId}|${departments.join()}`} options={judged} departments={departments} window={window} />}</Loaded> : <p>{c('planChooseFirst')}</p>}
    </div>
  );
}

/** The items, the inspectors and whom to call, for the company, departments and window chosen above. */
function PlanForm({ options, departments, window }: { options: Options; departments: string[]; window: { start: string; end: string } }) {
  const text = useConsoleText();
  const { c } = text;
  const api = useApi();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const [items, setItems] = useState<string[]>([]);
  const [extra, setExtra] = useState('');
  const [inspectorIds, setInspectorIds] = useState<string[]>([]);
  const [contact, setContact] = useState({ name: '', phone: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const chosen = inspectorIds.filter((id) => options.inspectors.some((i) => i.id === id && i.eligible));

  const reason = (why: Ineligibility) =>
    c(`planReason_${why}` as ConsoleKey, { segment: text.segment(options.entity.segment), district: text.district(options.entity.district), cap: options.rule.workloadCap });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        entityId: options.entity.id,
        departments,
        items: [...items, ...extra.split('\n').map((item) => item.trim()).filter(Boolean)],
        window,
        inspectorIds: chosen,
        contact,
      };
      const planned = await api.call('createInspection', { body });
      await api.call('issueCode', { params: { id: planned.id }, body: {} });
      refresh();
      navigate(`/console/inspections/${encodeURIComponent(planned.id)}/notice`);
    } catch (caught) {
      setError(caught as Error);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>{c('planItems')}</legend>
        {options.items.map((item) => (
          <label key={item} className="choice">
            <input type="checkbox" checked={items.includes(item)} onChange={() => setItems(toggle(items, item))} />
            {text.text(item)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{c('planExtraItems')}</span>
        <textarea rows={2} value={extra} onChange={(event) => setExtra(event.target.value)} />
      </label>
      <fieldset>
        <legend>{c('planInspectors')}</legend>
        <ul className="console-list">
          {options.inspectors.map((inspector) => (
            <li key={inspector.id}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={chosen.includes(inspector.id)}
                  disabled={!inspector.eligible}
                  onChange={() => setInspectorIds(toggle(inspectorIds, inspector.id))}
                  {...(inspector.eligible ? {} : { 'aria-describedby': `why-${inspector.id}` })}
                />
                {c('planInspectorLine', { name: text.text(inspector.name), department: text.department(inspector.department), district: text.district(inspector.district), load: inspector.load })}
              </label>
              {!inspector.eligible && (
                <span id={`why-${inspector.id}`} className="ineligible">
                  {c('planIneligible', { reasons: text.list(inspector.reasons.map(reason)) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      <ContactFields contact={contact} onChange={setContact} />
      {error && <ErrorNotice error={error} />}
      <button type="submit" disabled={busy}>
        {busy ? c('planSaving') : c('planSubmit')}
      </button>
    </form>
  );
}
