import { useEffect, useState } from 'react';
import type { MouseEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { district as districtOf } from '@sign-relay/shared';
import type { DistrictCode } from '@sign-relay/shared';
import { districtAt, loadTaipeiDistricts, MAP_SIZE, project, round5, unproject } from './taipeiMap.ts';
import type { DistrictShape } from './taipeiMap.ts';

interface Props {
  /** The district chosen in the form (drawn stronger). */
  chosen: string | undefined;
  point: { lat: number; lng: number } | null;
  /** A second point to show (the kiosk the caller is at). */
  kiosk?: { lat: number; lng: number } | null;
  onPick: (p: { lat: number; lng: number; district: DistrictCode | null }) => void;
  /** Tells the form which district a point falls in, once the boundaries are loaded. */
  onShapes?: (shapes: DistrictShape[]) => void;
}

/**
 * Taipei's 12 districts as SVG: a click marks the point (5 decimals) and says its district. Mouse only by
 * design: the typed coordinates beside it are the keyboard's way to the same thing.
 */
export function DistrictMap({ chosen, point, kiosk, onPick, onShapes }: Props): ReactElement {
  const { t, i18n } = useTranslation();
  const en = (i18n.resolvedLanguage ?? i18n.language) === 'en';
  const [shapes, setShapes] = useState<DistrictShape[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    loadTaipeiDistricts().then(
      (s) => {
        if (!live) return;
        setShapes(s);
        onShapes?.(s);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [onShapes]);

  if (failed) return <p className="notice notice--warn case-map__notice">{t('cases.location.mapFailed')}</p>;
  if (!shapes) return <p className="hint case-map__notice">{t('cases.location.mapLoading')}</p>;

  const click = (e: MouseEvent<SVGSVGElement>): void => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const x = ((e.clientX - box.left) / box.width) * MAP_SIZE.width;
    const y = ((e.clientY - box.top) / box.height) * MAP_SIZE.height;
    const raw = unproject(x, y);
    const lat = round5(raw.lat);
    const lng = round5(raw.lng);
    onPick({ lat, lng, district: districtAt(shapes, lat, lng) });
  };
  const marker = point ? project([point.lng, point.lat]) : null;
  const kioskMark = kiosk ? project([kiosk.lng, kiosk.lat]) : null;

  return (
    <svg
      className="case-map"
      data-testid="case-map"
      viewBox={`0 0 ${MAP_SIZE.width.toFixed(1)} ${MAP_SIZE.height.toFixed(1)}`}
      style={{ aspectRatio: `${MAP_SIZE.width} / ${MAP_SIZE.height}` }}
      role="img"
      aria-label={`${t('cases.location.map')}. ${t('cases.location.mapHint')}`}
      onClick={click}
    >
      {shapes.map((s) => (
        <path key={s.code} d={s.path} className={`case-map__district${s.code === chosen ? ' case-map__district--chosen' : ''}`} data-district={s.code}>
          <title>{en ? districtOf(s.code)?.en : districtOf(s.code)?.zh}</title>
        </path>
      ))}
      {shapes.map((s) => (
        <text key={s.code} x={s.label.x} y={s.label.y} className={`case-map__label${s.code === chosen ? ' case-map__label--chosen' : ''}`} textAnchor="middle" dominantBaseline="middle" aria-hidden="true">
          {en ? districtOf(s.code)?.en : districtOf(s.code)?.zh.replace('區', '')}
        </text>
      ))}
      {kioskMark && <rect x={kioskMark.x - 5} y={kioskMark.y - 5} width={10} height={10} className="case-map__kiosk" aria-hidden="true" />}
      {marker && (
        <g className="case-map__marker" data-testid="case-map-marker" aria-hidden="true">
          <circle cx={marker.x} cy={marker.y} r={9} />
          <line x1={marker.x - 15} y1={marker.y} x2={marker.x + 15} y2={marker.y} />
          <line x1={marker.x} y1={marker.y - 15} x2={marker.x} y2={marker.y + 15} />
        </g>
      )}
    </svg>
  );
}
