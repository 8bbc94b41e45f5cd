/**
 * Plan an inspection by hand: the company (searched by part of its name or its credit code among the department's
 * companies, or chosen already when opened from its page), the departments (a department's supervisor plans only
 * their own part, as the API requires), the check items offered for the company's segment and any others, the
 * window, and the inspectors — each judged by the API with the rule draws assign by: the eligible, those a written
 * justification lets go (another district, last time's, at the workload cap), and those no one may send, with why.
 * Planned, the code is issued and the notice opens to print. A window overlapping a visit already planned for the
 * company joins that visit (one visit, one code): the form names it and its window and contact, which the plan adopts,
 * and offers a window after it instead; the notice then says the plan joined it.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { departmentsOfSegment } from '#shared/auth/scope.ts';
import { addDays, dayNumber, localDay } from '#shared/dates.ts';
import type { RejectedInspector } from '#shared/inspections/lifecycle.ts';
import { departmentNames } from '#shared/labels.ts';
import { ApiError, type Responses } from '../app/api.ts';
import { useAuth } from '../app/auth.tsx';
import { useApi, useRead, useReadPages, useRefresh } from '../app/data.ts';
import { Loaded } from '../app/ui.tsx';
import { ContactFields, WindowFields } from './FormFields.tsx';
import { companySearch, ShowMore } from './ListControls.tsx';
import { useConsoleText, type ConsoleKey } from './text.ts';
import { ConsoleErrorNotice } from './ConsoleError.tsx';

type Options = Responses['eligibleInspectors'];
type DateWindow = { start: string; end: string };

/** Pages of matches the company search reads on its own while none matched (each a bounded read on the server). */
const autoPages = 5;

const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

export default function PlanInspection() {
  const text = useConsoleText();
  const { c } = text;
  const { principal } = useAuth();
  const [search] = useSearchParams();
  const today = localDay(new Date(), text.timeZone);
  // Opened from a company's page, the company is chosen already.
  const [entityId, setEntityId] = useState(search.get('entity') ?? '');
  const entity = useRead('getEntity', { params: { id: entityId } }, { enabled: entityId !== '' });
  const [departments, setDepartments] = useState<string[]>(principal?.department ? [principal.department] : []);
  const [window, setWindow] = useState({ start: addDays(today, 14), end: addDays(today, 16) });
  const ready = entity.data !== undefined && departments.length > 0 && window.start !== '' && window.end >= window.start;
  const options = useRead('eligibleInspectors', { params: { id: entityId }, query: { departments: departments.join(','), start: window.start, end: window.end } }, { enabled: ready });

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
      <CompanyPicker chosen={entityId} onChoose={setEntityId} />
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
      {ready ? <Loaded query={options}>{(judged) => <PlanForm key={`${entityId}|${departments.join()}`} options={judged} departments={departments} window={window} onWindow={setWindow} />}</Loaded> : <p>{c('planChooseFirst')}</p>}
    </div>
  );
}

/** Search the department's companies by part of a name or a credit code (GET /entities), and choose one of the matches. */
function CompanyPicker({ chosen, onChoose }: { chosen: string; onChoose: (id: string) => void }) {
  const text = useConsoleText();
  const { c } = text;
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState<ReturnType<typeof companySearch>>({});
  const searching = Object.keys(term).length > 0;
  const matches = useReadPages('listEntities', { query: { ...term, limit: 25 } }, { enabled: searching });
  const found = matches.data?.pages.flatMap((page) => page.items) ?? [];
  // A name is compared within each bounded read: read on by itself a few pages while none matched, then on asking.
  const read = matches.data?.pages.length ?? 0;
  const { hasNextPage, isFetching, fetchNextPage } = matches;
  useEffect(() => {
    if (found.length === 0 && hasNextPage && !isFetching && read < autoPages) void fetchNextPage();
  }, [found.length, hasNextPage, isFetching, read, fetchNextPage]);

  function find(event: React.FormEvent) {
    event.preventDefault();
    setTerm(companySearch(typed));
  }
  return (
    <>
      <form role="search" onSubmit={find} className="plan-find">
        <label className="field">
          <span>{c('planCompany')}</span>
          <input type="search" value={typed} onChange={(event) => setTyped(event.target.value)} aria-describedby="company-hint" required />
        </label>
        <button type="submit" className="secondary">
          {c('planFind')}
        </button>
      </form>
      <p id="company-hint" className="hint">
        {c('planCompanyHint')}
      </p>
      {searching &&
        (matches.error ? (
          <ConsoleErrorNotice error={matches.error} onRetry={() => void matches.refetch()} />
        ) : (
          <fieldset>
            <legend>{c('planMatches')}</legend>
            {matches.isPending ? (
              <p>{c('planSearching')}</p>
            ) : found.length === 0 ? (
              <p>{matches.hasNextPage ? c('planSearchOn') : c('companiesNone')}</p>
            ) : (
              <ul className="console-list">
                {found.map((company) => (
                  <li key={company.id}>
                    <label className="choice">
                      <input type="radio" name="company" checked={chosen === company.id} onChange={() => onChoose(company.id)} />
                      {c('planMatch', { name: text.text(company.name), code: company.creditCode ?? '—', segment: text.segment(company.segment), district: text.district(company.district) })}
                    </label>
                  </li>
                ))}
              </ul>
            )}
            <ShowMore pages={matches} />
          </fieldset>
        ))}
    </>
  );
}

/** The items, the inspectors and whom to call, for the company, departments and window chosen above. */
function PlanForm({ options, departments, window, onWindow }: { options: Options; departments: string[]; window: DateWindow; onWindow: (window: DateWindow) => void }) {
  const text = useConsoleText();
  const { c } = text;
  const api = useApi();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const [items, setItems] = useState<string[]>([]);
  const [extra, setExtra] = useState('');
  const [inspectorIds, setInspectorIds] = useState<string[]>([]);
  const [contact, setContact] = useState({ name: '', phone: '' });
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const chosen = inspectorIds.filter((id) => options.inspectors.some((i) => i.id === id && i.standing !== 'refused'));
  const needsJustification = options.inspectors.some((i) => chosen.includes(i.id) && i.standing === 'needs-justification');
  // The visit this plan joins, if any: the API then keeps that visit's window and contact.
  const { joins } = options;

  const reason = (why: RejectedInspector['reasons'][number]) =>
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
        contact: joins ? joins.contact : contact,
        ...(needsJustification ? { justification } : {}),
      };
      const planned = await api.call('createInspection', { body });
      await api.call('issueCode', { params: { id: planned.id }, body: {} });
      refresh();
      navigate(`/console/inspections/${encodeURIComponent(planned.id)}/notice`, { state: { joined: planned.joined } });
    } catch (caught) {
      setError(caught as Error);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)}>
      {joins && <JoinsVisit joins={joins} window={window} onWindow={onWindow} />}
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
                  disabled={inspector.standing === 'refused'}
                  onChange={() => setInspectorIds(toggle(inspectorIds, inspector.id))}
                  {...(inspector.eligible ? {} : { 'aria-describedby': `why-${inspector.id}` })}
                />
                {c('planInspectorLine', { name: text.text(inspector.name), department: text.department(inspector.department), district: text.district(inspector.district), load: inspector.load })}
              </label>
              {!inspector.eligible && (
                <span id={`why-${inspector.id}`} className={inspector.standing === 'refused' ? 'ineligible' : 'justifiable'}>
                  {c(inspector.standing === 'refused' ? 'planIneligible' : 'planJustifiable', { reasons: text.list(inspector.reasons.map(reason)) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      {needsJustification && (
        <label className="field">
          <span>{c('planJustification')}</span>
          <textarea rows={3} required maxLength={1000} value={justification} onChange={(event) => setJustification(event.target.value)} aria-describedby="justification-hint" />
          <span id="justification-hint" className="hint">
            {c('planJustificationHint')}
          </span>
        </label>
      )}
      {joins ? <p>{c('planJoinContact', { contact: `${joins.contact.name} ${joins.contact.phone}` })}</p> : <ContactFields contact={contact} onChange={setContact} />}
      {error instanceof ApiError && error.code === 'inspectors_rejected' ? (
        // The API's own refusal, each inspector and reason said in the reader's language.
        <div className="notice bad" role="alert">
          <p>{c('planRejected')}</p>
          <ul>
            {(error.details as unknown as RejectedInspector[]).map((rejected) => (
              <li key={rejected.inspectorId}>{c('planRejectedLine', { name: text.text(rejected.name ?? rejected.inspectorId), reasons: text.list(rejected.reasons.map(reason)) })}</li>
            ))}
          </ul>
        </div>
      ) : (
        error && <ConsoleErrorNotice error={error} />
      )}
      <button type="submit" disabled={busy}>
        {busy ? c('planSaving') : joins ? c('planJoinSubmit', { id: joins.id }) : c('planSubmit')}
      </button>
    </form>
  );
}

/**
 * Said before the plan is sent: the window overlaps a visit already planned for the company, which this plan will
 * join (as POST /inspections does: one visit, one code), adopting its window and contact — or, with one click, a
 * window of the same length starting the day after that visit ends, for a separate visit.
 */
function JoinsVisit({ joins, window, onWindow }: { joins: NonNullable<Options['joins']>; window: DateWindow; onWindow: (window: DateWindow) => void }) {
  const text = useConsoleText();
  const { c } = text;
  const start = addDays(joins.window.end, 1);
  const after = { start, end: addDays(start, dayNumber(window.end) - dayNumber(window.start)) };
  const origin = joins.createdBy.startsWith('trigger:') ? 'trigger' : joins.createdBy.startsWith('draw:') ? 'draw' : 'plan';
  return (
    <div className="notice" role="status">
      <p>
        <strong>{c('planJoinTitle', { id: joins.id })}</strong>
      </p>
      <p>
        {c('planJoinVisit', {
          origin: c(`planJoinOrigin_${origin}` as ConsoleKey),
          start: text.day(joins.window.start),
          end: text.day(joins.window.end),
          departments: text.list(joins.departments.map(text.department)),
          inspectors: text.list(joins.inspectors.map((i) => text.text(i.name))),
          contact: `${joins.contact.name} ${joins.contact.phone}`,
        })}
      </p>
      <p>{c('planJoinEffect')}</p>
      <button type="button" onClick={() => onWindow(after)}>
        {c('planJoinAfter', { start: text.day(after.start), end: text.day(after.end) })}
      </button>
    </div>
  );
}
