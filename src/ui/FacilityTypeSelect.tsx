import { FACILITY_TYPES, type FacilityTypeId } from '../domain/facilityTypes';
import { useT } from './i18n';

/** A choice among facility types, each named in the page's language (the site editor, the optimiser). */
export function FacilityTypeSelect({ testId, types, value, onChange }: { testId: string; types: readonly FacilityTypeId[]; value: FacilityTypeId | ''; onChange: (type: FacilityTypeId) => void }) {
  const { pick } = useT();
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as FacilityTypeId)}>
      {types.map((id) => (
        <option key={id} value={id}>
          {pick(FACILITY_TYPES[id].label_zh, FACILITY_TYPES[id].label_en)}
        </option>
      ))}
    </select>
  );
}
