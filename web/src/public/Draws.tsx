/** Every draw ever announced, newest first: executed, pending and abandoned alike. */
import { Link } from 'react-router';
import { useRead } from '../app/data.ts';
import { useI18n } from '../app/i18n.tsx';
import { Loaded } from '../app/ui.tsx';

export default function Draws() {
  const { t, instant, day, segment, text } = useI18n();
  const query = useRead('listDraws', { query: { limit: 200 } });
  return (
    <>
      <h1>{t('drawsTitle')}</h1>
      <p>{t('drawsIntro')}</p>
      <Loaded query={query}>
        {({ draws }) =>
          draws.length === 0 ? (
            <p>{t('noDraws')}</p>
          ) : (
            <ul className="list">
              {draws.map((d) => (
                <li key={d.id}>
                  <Link to={`/draws/${encodeURIComponent(d.id)}`}>
                    <strong>{text(d.parameters.title)}</strong>
                    <span>
                      {t(`draw_${d.status}`)} · {segment(d.parameters.segment)} · {day(d.parameters.window.start)} {t('to')} {day(d.parameters.window.end)}
                    </span>
                    <span>
                      {t('announcedAt')}: {instant(d.announcedAt ?? d.createdAt)}
                    </span>
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
