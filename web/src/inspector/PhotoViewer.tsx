/** Evidence photos as thumbnails; one tap shows a photo full screen, Escape or Close returns. */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../app/i18n.tsx';

export function PhotoViewer({ photos }: { photos: { name: string; downloadUrl: string; contentType: string }[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<number>();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open === undefined) return;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(undefined);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  const images = photos.filter((p) => p.contentType.startsWith('image/'));
  if (images.length === 0) return null;
  const shown = open === undefined ? undefined : images[open];
  return (
    <>
      <ul className="thumbs">
        {images.map((photo, n) => (
          <li key={photo.downloadUrl}>
            <button type="button" className="thumb" onClick={() => setOpen(n)} aria-label={t('viewPhoto', { n: n + 1 })}>
              <img src={photo.downloadUrl} alt="" width={96} height={96} />
            </button>
          </li>
        ))}
      </ul>
      {shown && (
        <div className="viewer" role="dialog" aria-modal="true" aria-label={shown.name}>
          <img src={shown.downloadUrl} alt={shown.name} />
          <button type="button" ref={close} onClick={() => setOpen(undefined)}>
            {t('closePhoto')}
          </button>
        </div>
      )}
    </>
  );
}
