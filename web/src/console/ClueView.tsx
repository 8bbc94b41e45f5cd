/**
 * One clue: the company, the model that raised it, its evidence, every step with who and when, and the moves the
 * lifecycle allows from where it stands, offered only to a supervisor whose department works the company's segment.
 */
import { Descriptions, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { localDay } from '#shared/dates.ts';
import { mayMove, movesFrom } from '#shared/warnings/lifecycle.ts';
import type { Clue } from '#shared/warnings/clue.ts';
import type { Evidence } from '#shared/rules/evaluate.ts';
import type { FactFilter } from '#shared/rules/language.ts';
import type { Key } from '../app/messages.ts';
import { useChange, useRead } from '../app/data.ts';
import { Loaded } from '../app/ui.tsx';
import { useScope } from './scope.ts';
import { useConsoleText } from './text.ts';
import { DueTags, SeverityTag } from './Warnings.tsx';
import { ConsoleErrorNotice } from './ConsoleError.tsx';
import { useHereAsFrom } from './way-back.ts';

export default function ClueView() {
  const { id = '' } = useParams();
  const { c } = useConsoleText();
  const query = useRead('getWarning', { params: { id } });
  return (
    <>
      <p className="actions">
        <Link to="/console/warnings">{c('backToQueue')}</Link>
      </p>
      <Loaded query={query}>{(clue) => <ClueDetail clue={clue} />}</Loaded>
    </>
  );
}

function ClueDetail({ clue }: { clue: Clue }) {
  const text = useConsoleText();
  const here = useHereAsFrom();
  const { c, language } = text;
  const scope = useScope();
  const modelName = language === 'en' ? clue.modelName.en : clue.modelName.zh;
  /** A fact's detail in the reader's words where the app names it (a camera alert's type), else as recorded. */
  const detailOf = (kind: string, detail: string) => (kind === 'alert' ? text.t(`alert_${detail}` as Key) : detail);
  /** The facts a rule counted, in the reader's words: their kind, which details, which values. */
  const factsOf = ({ kind, detail, value }: FactFilter) =>
    text.t(`factKind_${kind}` as Key) +
    (detail ? c('clueFactDetail', { list: text.list(detail.map((d) => detailOf(kind, d))) }) : '') +
    (value?.atLeast !== undefined ? c('clueFactAtLeast', { n: value.atLeast }) : '') +
    (value?.atMost !== undefined ? c('clueFactAtMost', { n: value.atMost }) : '');
  /** What held, in the reader's language; a clue raised before the code was kept says it as the API did. */
  const said = ({ said, reason }: Evidence) => {
    if (!said) return reason;
    switch (said.code) {
      case 'attribute': {
        const value = said.attribute === 'segment' ? text.segment(said.value) : said.attribute === 'district' ? text.district(said.value) : said.value;
        return c('clueEvidence_attribute', { attribute: c(`clueAttribute_${said.attribute}`), value });
      }
      case 'events':
        return c('clueEvidence_events', { facts: factsOf(said.facts), count: said.count, days: said.days, threshold: said.threshold });
      case 'holds':
        return c('clueEvidence_holds', { facts: factsOf(said.facts), since: text.day(said.since) });
      case 'expiring':
        return c('clueEvidence_expiring', { facts: factsOf(said.facts), until: text.day(said.until), days: said.days });
      case 'lapsed':
        return c('clueEvidence_lapsed', { facts: factsOf(said.facts), until: text.day(said.until) });
      case 'gradeDrop':
        return c('clueEvidence_gradeDrop', { from: said.from, to: said.to, on: text.day(said.on) });
    }
  };
  const who = (by: string) => (by === 'system' ? c('system') : by.startsWith('model:') ? c('model', { name: modelName }) : by);
  return (
    <>
      <h1>{c('clueTitle', { company: text.text(clue.entityName) })}</h1>
      <section aria-labelledby="clue-facts">
        <h2 id="clue-facts">{c('clueFacts')}</h2>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'model', label: c('columnModel'), children: modelName },
            { key: 'severity', label: c('columnSeverity'), children: <SeverityTag severity={clue.severity} /> },
            { key: 'status', label: c('columnStatus'), children: c(`status_${clue.status}`) },
            {
              key: 'due',
              label: c('columnDue'),
              children: (
                <>
                  {text.day(clue.dueBy)} <DueTags clue={clue} today={localDay(new Date(), text.timeZone)} />
                </>
              ),
            },
            { key: 'assignee', label: c('columnAssignee'), children: clue.assignee ? (clue.assigneeName ? text.text(clue.assigneeName) : clue.assignee) : '—' },
            { key: 'company', label: c('columnCompany'), children: <Link to={`/console/companies/${encodeURIComponent(clue.entityId)}`} state={here}>{text.text(clue.entityName)}</Link> },
            { key: 'segment', label: c('filterSegment'), children: text.segment(clue.segment) },
            { key: 'district', label: c('filterDistrict'), children: text.district(clue.district) },
            { key: 'fired', label: c('firedOn'), children: text.day(clue.firedOn) },
            { key: 'window', label: c('window'), children: c('windowValue', { start: text.day(clue.window.start), days: clue.window.days }) },
          ]}
        />
      </section>
      <section aria-labelledby="clue-evidence">
        <h2 id="clue-evidence">{c('evidence')}</h2>
        {clue.evidence.map((evidence, n) => (
          <div key={n}>
            <p>{said(evidence)}</p>
            {evidence.facts && evidence.facts.length > 0 && (
              <div className="table-wrap">
                <table className="plain-table">
                  <thead>
                    <tr>
                      <th scope="col">{c('factKind')}</th>
                      <th scope="col">{c('factDate')}</th>
                      <th scope="col">{c('factDetail')}</th>
                      <th scope="col">{c('factValue')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {evidence.facts.map((fact) => (
                      <tr key={fact.id}>
                        <td>{text.t(`factKind_${fact.kind}` as Key)}</td>
                        <td>{text.day(fact.date)}</td>
                        <td>{fact.detail === undefined ? '' : detailOf(fact.kind, fact.detail)}</td>
                        <td>{fact.value ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        ))}
      </section>
      <section aria-labelledby="clue-steps">
        <h2 id="clue-steps">{c('steps')}</h2>
        <Timeline
          items={clue.history.map((step, n) => ({
            key: n,
            content: (
              <>
                <strong>{c(`status_${step.status}`)}</strong>
                <div>{c('stepBy', { who: step.byName ? text.text(step.byName) : who(step.by), time: text.instant(step.at) })}</div>
                {step.assignee && <div>{c('stepAssignee', { who: step.assigneeName ? text.text(step.assigneeName) : step.assignee })}</div>}
                {step.escalated ? (
                  <div>{c('clueStepEscalated', { since: text.day(step.escalated.overdueSince), level: step.escalated.level })}</div>
                ) : (
                  step.note && <div>{step.note}</div>
                )}
              </>
            ),
          }))}
        />
      </section>
      {/* The API's own scope rule: a move is offered only where it would be accepted. */}
      {scope.worksSegment(clue.segment) && <Moves clue={clue} />}
    </>
  );
}

/**
 * The lifecycle's moves from where the clue stands, each a button; a move that needs a note or a person asks for it.
 * What the last move did stays said, also once the clue is closed and nothing follows.
 */
function Moves({ clue }: { clue: Clue }) {
  const text = useConsoleText();
  const { c } = text;
  const scope = useScope();
  const move = useChange('transitionWarning');
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const send = (to: Clue['status'], extra: { note?: string; assignee?: string }) =>
    move.mutate({ params: { id: clue.id }, body: { to, ...extra } }, { onSuccess: () => (setNote(''), setAssignee('')) });
  const noteField = (label: string) => (
    <label className="field">
      <span>{label}</span>
      <textarea rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
    </label>
  );
  const assigneeField = <PersonPicker clue={clue} value={assignee} onChange={setAssignee} />;
  if (movesFrom(clue.status).length === 0 && !move.data) return null;
  return (
    <section aria-labelledby="clue-moves">
      <h2 id="clue-moves">{c('moves')}</h2>
      {move.error && <ConsoleErrorNotice error={move.error} />}
      {move.data && (
        <p className="notice ok" role="status">
          {c('moved', { status: c(`status_${move.data.status}`) })}
        </p>
      )}
      {clue.status === 'open' && (
        <>
          <div className="actions">
            <button type="button" disabled={move.isPending} onClick={() => send('assigned', { assignee: scope.subject })}>
              {c('assignToMe')}
            </button>
          </div>
          {assigneeField}
          <div className="actions">
            <button type="button" className="secondary" disabled={move.isPending || !assignee} onClick={() => send('assigned', { assignee })}>
              {c('assignToSomeone')}
            </button>
          </div>
          {noteField(c('dismissNote'))}
          <div className="actions">
            <button type="button" className="secondary" disabled={move.isPending || !note.trim()} onClick={() => send('closed', { note })}>
              {c('dismiss')}
            </button>
          </div>
        </>
      )}
      {clue.status === 'assigned' &&
        (mayMove(clue, scope.subject, 'handled') ? (
          <>
            {noteField(c('handledNote'))}
            <div className="actions">
              <button type="button" disabled={move.isPending || !note.trim()} onClick={() => send('handled', { note })}>
                {c('markHandled')}
              </button>
            </div>
          </>
        ) : (
          <p className="notice">{c('clueTakenOn', { who: clue.assigneeName ? text.text(clue.assigneeName) : (clue.assignee ?? '') })}</p>
        ))}
      {clue.status === 'assigned' && (
        <>
          {assigneeField}
          <div className="actions">
            {clue.assignee !== scope.subject && (
              <button type="button" className="secondary" disabled={move.isPending} onClick={() => send('assigned', { assignee: scope.subject })}>
                {c('assignToMe')}
              </button>
            )}
            <button type="button" className="secondary" disabled={move.isPending || !assignee} onClick={() => send('assigned', { assignee })}>
              {c('handOver')}
            </button>
          </div>
        </>
      )}
      {clue.status === 'handled' && (
        <>
          <div className="actions">
            <button type="button" disabled={move.isPending} onClick={() => send('closed', {})}>
              {c('close')}
            </button>
          </div>
          {noteField(c('sendBackNote'))}
          <div className="actions">
            <button type="button" className="secondary" disabled={move.isPending || !note.trim()} onClick={() => send('assigned', { note, ...(clue.assignee ? { assignee: clue.assignee } : {}) })}>
              {c('sendBack')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/**
 * Whom to hand the clue to: the active people of the departments supervising its company that this supervisor acts
 * for, those of the clue's district first (the API's list, a page at a time), by name.
 */
function PersonPicker({ clue, value, onChange }: { clue: Clue; value: string; onChange: (id: string) => void }) {
  const text = useConsoleText();
  const { c } = text;
  const departments = useScope().departmentsOf(clue.segment);
  const [department, setDepartment] = useState(departments[0] ?? '');
  const [everywhere, setEverywhere] = useState(false);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const people = useRead(
    'listInspectors',
    { query: { department, limit: 50, ...(everywhere ? {} : { district: clue.district }), ...(cursor ? { cursor } : {}) } },
    { enabled: Boolean(department) },
  );
  const restart = () => (setCursors([undefined]), onChange(''));
  if (!department) return null;
  return (
    <fieldset>
      <legend>{c('pickerTitle')}</legend>
      {departments.length > 1 && (
        <label className="field">
          <span>{c('pickerDepartment')}</span>
          <select value={department} onChange={(event) => (setDepartment(event.target.value), restart())}>
            {departments.map((id) => (
              <option key={id} value={id}>
                {text.department(id)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="choice">
        <input type="checkbox" checked={everywhere} onChange={(event) => (setEverywhere(event.target.checked), restart())} />
        {c('pickerEverywhere', { district: text.district(clue.district) })}
      </label>
      <Loaded query={people}>
        {(page) => {
          const active = page.items.filter((person) => person.active);
          return (
            <>
              <label className="field">
                <span>{c('pickerPerson')}</span>
                <select value={value} onChange={(event) => onChange(event.target.value)}>
                  <option value="">{active.length ? c('pickerChoose') : c('pickerNobody')}</option>
                  {active.map((person) => (
                    <option key={person.id} value={person.id}>
                      {c('pickerOption', { name: text.text(person.name), district: text.district(person.district) })}
                    </option>
                  ))}
                </select>
              </label>
              {(cursors.length > 1 || page.cursor) && (
                <div className="actions">
                  <button type="button" className="secondary" disabled={cursors.length === 1} onClick={() => (setCursors(cursors.slice(0, -1)), onChange(''))}>
                    {c('previousPage')}
                  </button>
                  <button type="button" className="secondary" disabled={!page.cursor} onClick={() => (setCursors([...cursors, page.cursor]), onChange(''))}>
                    {c('pickerMore')}
                  </button>
                </div>
              )}
            </>
          );
        }}
      </Loaded>
    </fieldset>
  );
}
