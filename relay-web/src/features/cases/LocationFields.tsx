import { useCallback, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_LIMITS, DISTRICTS, district as districtOf, insideTaipei } from '@sign-relay/shared';
import type { CaseDraft, CaseRule, DistrictCode } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { CoordinateInput } from './CoordinateInput.tsx';
import { DistrictMap } from './DistrictMap.tsx';
import { Field } from './Field.tsx';
import { districtAt } from './taipeiMap.ts';
import type { DistrictShape } from './taipeiMap.ts';

interface Props {
  idPrefix: string;
  draft: CaseDraft;
  change: (patch: Partial<CaseDraft>) => void;
  problemsOf: (field: keyof CaseDraft) => CaseRule[];
  touch: (field: keyof CaseDraft) => void;
  /** District and place are required (dispatch) or optional (petition, consultation). */
  required: boolean;
  kioskPoint: { lat: number; lng: number } | null;
  /** Show the map (not in the narrow chat card unless asked). */
  withMap: boolean;
}

/** District, address, coordinates and the district map: a click on the map fills the point and its district. */
export function LocationFields({ idPrefix, draft, change, problemsOf, touch, required, kioskPoint, withMap }: Props): ReactElement {
  const { t, i18n } = useTranslation();
  const en = (i18n.resolvedLanguage ?? i18n.language) === 'en';
  const name = (code: string | null | undefined): string => {
    const d = code ? districtOf(code) : undefined;
    return d ? (en ? d.en : d.zh) : '';
  };
  const [shapes, setShapes] = useState<DistrictShape[] | null>(null);
  const onShapes = useCallback((s: DistrictShape[]) => setShapes(s), []);
  const hasPoint = draft.lat !== undefined && draft.lat !== null && draft.lng !== undefined && draft.lng !== null;
  const point = hasPoint ? { lat: draft.lat!, lng: draft.lng! } : null;
  const pointDistrict: DistrictCode | null = point && shapes ? districtAt(shapes, point.lat, point.lng) : null;
  const outside = point !== null && !insideTaipei(point.lat, point.lng);
  const mismatch = pointDistrict !== null && draft.district && draft.district !== pointDistrict;
  const id = (f: string): string => `${idPrefix}-${f}`;

  return (
    <fieldset className="case-fieldset case-location">
      <legend>
        <Icon name="home" /> {t('cases.location.legend')}
      </legend>
      <div className="case-location__grid">
        <div className="case-location__fields">
          <Field id={id('district')} label={t('cases.district.label')} problems={problemsOf('district')} required={required}>
            {(a11y) => (
              <select id={id('district')} className="case-input" data-testid="case-district" value={draft.district ?? ''} onChange={(e) => change({ district: e.target.value || undefined })} onBlur={() => touch('district')} {...a11y}>
                <option value="">{t('cases.district.choose')}</option>
                {DISTRICTS.map((d) => (
                  <option key={d.code} value={d.code}>
                    {en ? `${d.en} ${d.zh}` : `${d.zh} ${d.en}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('address')} label={t('cases.location.address')} problems={problemsOf('address')} required={required}>
            {(a11y) => (
              <input id={id('address')} type="text" className="case-input" data-testid="case-address" maxLength={CASE_LIMITS.address * 2} value={draft.address ?? ''} onChange={(e) => change({ address: e.target.value })} onBlur={() => touch('address')} {...a11y} />
            )}
          </Field>
          <div className="case-location__coords">
            <Field id={id('lat')} label={t('cases.location.lat')} problems={problemsOf('lat')}>
              {(a11y) => <CoordinateInput id={id('lat')} testId="case-lat" value={draft.lat} onChange={(lat) => change({ lat })} onBlur={() => touch('lat')} a11y={a11y} />}
            </Field>
            <Field id={id('lng')} label={t('cases.location.lng')} problems={problemsOf('lng')}>
              {(a11y) => <CoordinateInput id={id('lng')} testId="case-lng" value={draft.lng} onChange={(lng) => change({ lng })} onBlur={() => touch('lat')} a11y={a11y} />}
            </Field>
          </div>
          <div className="case-location__point" role="status" aria-live="polite" data-testid="case-point" data-district={pointDistrict ?? ''}>
            {point && (
              <>
                {pointDistrict && (
                  <p className="case-location__point-text">
                    <Icon name="check" />
                    <span>{t('cases.location.pointIn', { district: name(pointDistrict) })}</span>
                  </p>
                )}
                {outside && <p className="field-error">{t('cases.location.outside')}</p>}
                {mismatch && <p className="case-location__mismatch">{t('cases.location.mismatch', { point: name(pointDistrict), chosen: name(draft.district) })}</p>}
              </>
            )}
          </div>
          <div className="case-location__actions">
            {mismatch && pointDistrict && (
              <button type="button" className="button button--secondary case-small-button" data-testid="case-use-district" onClick={() => change({ district: pointDistrict })}>
                <span>{t('cases.location.useDistrict', { district: name(pointDistrict) })}</span>
              </button>
            )}
            {point && (
              <button type="button" className="button button--quiet case-small-button" data-testid="case-clear-point" onClick={() => change({ lat: null, lng: null })}>
                <Icon name="trash" />
                <span>{t('cases.location.clearPoint')}</span>
              </button>
            )}
          </div>
        </div>
        {withMap && (
          <div className="case-location__map">
            <DistrictMap
              chosen={draft.district}
              point={point}
              kiosk={kioskPoint}
              onShapes={onShapes}
              onPick={(p) => {
                change({ lat: p.lat, lng: p.lng, ...(p.district ? { district: p.district } : {}) });
                touch('lat');
              }}
            />
            <p className="hint">{t('cases.location.mapHint')}</p>
          </div>
        )}
      </div>
    </fieldset>
  );
}
