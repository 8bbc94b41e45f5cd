/** The inspector's assignments: today's visits first, then the upcoming ones, then the earlier ones. */
import { Link } from 'react-router';
import { localDay } from '#shared/dates.ts';
import type { Responses } from '../app/api.ts';
import { useRead } from '../app/data.ts';
import { useI18n } from '../app/i18n.tsx';
import type { Key } from '../app/messages.ts';
import { stateKey } from '../app/inspection.tsx';
import { Loaded } from '../app/ui.tsx';

type Item = Responses['listInspections']['items'][number];

export default function Assignments() {
  const { t, timeZone } = useI18n();
  const query = useRead('listInspections', { query: { limit: 100 } });
  return (
    <>
      <h1>{t('assignmentsTitle')}</h1>
      <Loaded query={query}>
        {({ items }) => {
          const today = localDay(new Date(), timeZone);
          const groups: [Key, Item[]][] = [
            ['today', items.filter((i) => i.window.start <= today && today <= i.window.end)],
            ['upcoming', items.filter((i) => i.window.start > today).reverse()],
            ['earlier', items.filter((i) => i.window.end < today)],
          ];
          if (items.length === 0) return <p>{t('noInspections')}</p>;
          return groups
            .filter(([, group]) => group.length > 0)
            .map(([title, group]) => (
              <section key={title} aria-labelledby={`group-${title}`}>
                <h2 id={`group-${title}`}>{t(title)}</h2>
                <List items={group} />
              </section>
            ));
        }}
      </Loaded>
    </>
  );
}

function List({ items }: { items: Item[] }) {
  const { t, day, text, department, list } = useI18n();
  return (
    <ul className="list">
      {items.map((i) => (
        <li key={i.id}>
          <Link to={`/app/inspections/${encodeURIComponent(i.id)}`}>
            <strong>{text(i.entityName)}</strong>
            <span>
              {day(i.window.start)} {t('to')} {day(i.window.end)} · {list(i.departments.map(department))}
            </span>
            <span>{t(stateKey(i))}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
