import type { Practice } from '../model';
import { transferTargetFor } from '../receptionist/tools/transfer-target';
import { toE164 } from '../scheduling/phone-number';

/**
 * Whether the voice path may dial this number for the practice: only its staff transfer targets and its
 * on-call number. The conversation already picks numbers from this list; checking again where the call is
 * actually moved keeps a bug or a prompt injection upstream from dialling anywhere else.
 */
export function isAllowedTransferNumber(practice: Practice, number: string): boolean {
  const wanted = toE164(number);
  if (!wanted) return false;
  const allowed = [...practice.transferTargets.map((target) => target.number), practice.onCallNumber];
  return allowed.some((candidate) => toE164(candidate) === wanted);
}

/** The staff line a caller reaches by asking for a person (or pressing 0), if the practice has one. */
export function staffLineOf(practice: Practice): string | undefined {
  if (practice.transferTargets.length === 0) return undefined;
  return transferTargetFor(practice, 'front_desk').number;
}
