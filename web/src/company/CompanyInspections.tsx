/** The company's inspections, latest window first. */
import { Link } from 'react-router';
import { useRead } from '../app/data.ts';
import { useI18n } from '../app/i18n.tsx';
import { stateKey } from '../app/inspection.tsx';
import { Loaded } from '../app/ui.tsx';

export default function CompanyInspections() {
  const { t, day, department, list } = useI18n();
  const query = useRead('listInspections', { query: { limit: 50 } });
  return (
    <>
      <h1>{t('inspectionsTitle')}</h1>
      <Loaded query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('noInspections')}</p>
          ) : (
            <ul className="list">
              {items.map((i) => (
                <li key={i.id}>
                  <Link to={`/app/inspections/${encodeURIComponent(i.id)}`}>
                    <strong>
                      {day(i.window.start)} {t('to')} {day(i.window.end)}
                    </strong>
                    <span>{list(i.departments.map(department))}</span>
                    <span>{t(stateKey(i))}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}
