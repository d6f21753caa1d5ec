import type { Practice, TransferTarget } from '../../model';

const DEFAULT_DEPARTMENT = 'front_desk';

/** Ways of asking for a department, by the label practices configure. */
const DEPARTMENT_SYNONYMS: Record<string, string> = {
  frontdesk: 'front_desk',
  front: 'front_desk',
  reception: 'front_desk',
  receptionist: 'front_desk',
  staff: 'front_desk',
  someone: 'front_desk',
  person: 'front_desk',
  human: 'front_desk',
  scheduling: 'front_desk',
  accounts: 'billing',
  payments: 'billing',
  insurance: 'billing',
  manager: 'office_manager',
  office: 'office_manager',
};

function normalise(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Where a staff transfer goes. Only the practice's own allowlist is ever dialled: the department the model
 * asked for picks among the practice's targets (the front desk when unknown), and nothing it says can supply a
 * number. A practice with no targets at all is transferred to its on-call number.
 */
export function transferTargetFor(practice: Practice, department: string | undefined): TransferTarget {
  const wanted = normalise(department ?? DEFAULT_DEPARTMENT);
  const byLabel = (target: TransferTarget, name: string) => normalise(target.label) === name;
  return (
    practice.transferTargets.find((target) => byLabel(target, wanted)) ??
    practice.transferTargets.find((target) => byLabel(target, DEPARTMENT_SYNONYMS[wanted] ?? wanted)) ??
    practice.transferTargets.find((target) => byLabel(target, DEFAULT_DEPARTMENT)) ??
    practice.transferTargets[0] ?? { label: 'on_call', number: practice.onCallNumber }
  );
}
