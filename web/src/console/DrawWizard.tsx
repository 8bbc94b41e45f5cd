/**
 * Announce a draw: the drawing department (a department's supervisor draws for it; a city-wide one chooses, and may
 * add joint departments), a segment that department supervises, districts, the rule (a share per grade or a fixed
 * count), the window, what is checked and whom to call. The body is checked by the API's own schema before it is
 * sent; the API commits to the seed at once and the draw's page follows it from there.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { departmentsOfSegment } from '#shared/auth/scope.ts';
import { addDays, localDay } from '#shared/dates.ts';
import { beaconSources, type BeaconSource } from '#shared/draws/model.ts';
import { departmentNames, districtIds } from '#shared/labels.ts';
import type { Input } from '../app/api.ts';
import { useAuth } from '../app/auth.tsx';
import { useChange } from '../app/data.ts';
import { ConsoleErrorNotice } from './ConsoleError.tsx';
import { DrawPreviewTables } from './DrawPreview.tsx';
import { useScope } from './scope.ts';
import { ContactFields, WindowFields } from './FormFields.tsx';
import { useConsoleText } from './text.ts';

const grades = ['A', 'B', 'C', 'D'] as const;

export default function DrawWizard() {
  const text = useConsoleText();
  const { c, t } = text;
  const { principal } = useAuth();
  const scope = useScope();
  const navigate = useNavigate();
  const announce = useChange('announceDraw');
  const preview = useChange('previewDraw', { refresh: false });
  const today = localDay(new Date(), text.timeZone);
  const [department, setDepartment] = useState(principal?.department ?? 'food-safety');
  const [joint, setJoint] = useState<string[]>([]);
  const segments = scope.segments.filter((segment) => departmentsOfSegment(segment).includes(department));
  const [segment, setSegment] = useState(segments[0] ?? '');
  const [chosenDistricts, setDistricts] = useState<string[]>([]);
  const [rule, setRule] = useState<'ratio' | 'count'>('ratio');
  const [percent, setPercent] = useState({ A: 5, B: 20, C: 50, D: 100 });
  const [count, setCount] = useState(10);
  const [window, setWindow] = useState({ start: addDays(today, 14), end: addDays(today, 28) });
  const [items, setItems] = useState('');
  const [contact, setContact] = useState({ name: '', phone: '' });
  const [title, setTitle] = useState('');
  const [crossDistrict, setCrossDistrict] = useState(true);
  const [beaconSource, setBeaconSource] = useState<BeaconSource>('drand-quicknet');
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const body: Input<'announceDraw'>['body'] = {
    title,
    department,
    jointDepartments: joint,
    segment,
    districts: chosenDistricts,
    rule: rule === 'ratio' ? { kind: 'ratio', percent } : { kind: 'count', count },
    window,
    items: items.split('\n').map((item) => item.trim()).filter(Boolean),
    contact,
    inspectorsPerCompany: Math.max(2, 1 + joint.length),
    crossDistrict,
    beaconSource,
  };
  // The preview shown is of the rule as it was previewed: any change asks for a new one before announcing.
  const [previewed, setPreviewed] = useState<string>();
  const current = previewed === JSON.stringify(body) && preview.data;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const asked = JSON.stringify(body);
    preview.mutate({ body }, { onSuccess: () => setPreviewed(asked) });
  }

  return (
    <form onSubmit={submit} className="draw-wizard">
      <h1>{c('announceTitle')}</h1>
      <p className="hint">{c('announceHint')}</p>
      <label className="field">
        <span>{c('drawTitle')}</span>
        <input value={title} onChange={(event) => setTitle(event.target.value)} required />
      </label>
      <label className="field">
        <span>{c('drawDepartment')}</span>
        <select value={department} disabled={Boolean(principal?.department)} onChange={(event) => (setDepartment(event.target.value), setJoint([]), setSegment(''))}>
          {Object.keys(departmentNames).map((id) => (
            <option key={id} value={id}>
              {text.department(id)}
            </option>
          ))}
        </select>
      </label>
      {!principal?.department && (
        <fieldset>
          <legend>{c('jointDepartments')}</legend>
          {Object.keys(departmentNames)
            .filter((id) => id !== department)
            .map((id) => (
              <label key={id} className="choice">
                <input type="checkbox" checked={joint.includes(id)} onChange={() => setJoint(toggle(joint, id))} />
                {text.department(id)}
              </label>
            ))}
        </fieldset>
      )}
      <label className="field">
        <span>{c('filterSegment')}</span>
        <select value={segment} onChange={(event) => setSegment(event.target.value)} required>
          <option value="">—</option>
          {segments.map((id) => (
            <option key={id} value={id}>
              {text.segment(id)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('drawDistricts')}</legend>
        <div className="filter-row">
          {districtIds.map((id) => (
            <label key={id} className="choice">
              <input type="checkbox" checked={chosenDistricts.includes(id)} onChange={() => setDistricts(toggle(chosenDistricts, id))} />
              {text.district(id)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={crossDistrict} onChange={() => setCrossDistrict(!crossDistrict)} />
        {c('crossDistrict')}
      </label>
      <fieldset>
        <legend>{c('beaconSource')}</legend>
        {beaconSources.map((source) => (
          <label key={source} className="choice">
            <input type="radio" name="beaconSource" checked={beaconSource === source} onChange={() => setBeaconSource(source)} />
            <span>
              {c(`beacon_${source}`)}
              <span className="hint">{c(`beaconHint_${source}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('drawRule')}</legend>
        <label className="choice">
          <input type="radio" name="rule" checked={rule === 'ratio'} onChange={() => setRule('ratio')} />
          {c('ruleRatio')}
        </label>
        {rule === 'ratio' && (
          <div className="filter-row">
            {grades.map((grade) => (
              <label key={grade} className="field">
                <span>{c('gradeShare', { grade })}</span>
                <input type="number" min={0} max={100} step={0.01} value={percent[grade]} onChange={(event) => setPercent({ ...percent, [grade]: Number(event.target.value) })} />
              </label>
            ))}
          </div>
        )}
        <label className="choice">
          <input type="radio" name="rule" checked={rule === 'count'} onChange={() => setRule('count')} />
          {c('ruleCount')}
        </label>
        {rule === 'count' && (
          <label className="field">
            <span>{c('drawCount')}</span>
            <input type="number" min={1} max={10000} value={count} onChange={(event) => setCount(Number(event.target.value))} />
          </label>
        )}
      </fieldset>
      <WindowFields window={window} onChange={setWindow} />
      <label className="field">
        <span>{c('drawItems')}</span>
        <textarea rows={3} value={items} onChange={(event) => setItems(event.target.value)} aria-describedby="items-hint" required />
        <span id="items-hint" className="hint">
          {c('drawItemsHint')}
        </span>
      </label>
      <ContactFields contact={contact} onChange={setContact} />
      {preview.error && <ConsoleErrorNotice error={preview.error} />}
      <button type="submit" className={current ? 'secondary' : undefined} disabled={preview.isPending}>
        {preview.isPending ? c('drawPreviewing') : c('drawPreviewButton')}
      </button>
      {preview.data && !current && !preview.isPending && <p className="hint">{c('drawPreviewStale')}</p>}
      {current && (
        <>
          <DrawPreviewTables preview={current} />
          {announce.error && <ConsoleErrorNotice error={announce.error} />}
          <button
            type="button"
            disabled={announce.isPending}
            onClick={() => announce.mutate({ body }, { onSuccess: (record) => navigate(`/console/draws/${encodeURIComponent(record.id)}`) })}
          >
            {c('announce')}
          </button>
        </>
      )}
    </form>
  );
}
