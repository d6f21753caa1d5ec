const CODE = /^[a-z0-9][a-z0-9_.:-]*$/;
const MAX_LENGTH = 64;

/**
 * A delivery failure reason as it is stored and logged: lower-case letters, digits and `_.:-`, at most 64
 * characters. Anything else becomes `unspecified`, so free text (which could quote a patient) never lands
 * in the outbox row or the logs, whatever a delivery adapter returns.
 */
export function failureCode(reason: string): string {
  const code = reason.trim().toLowerCase().slice(0, MAX_LENGTH);
  return CODE.test(code) ? code : 'unspecified';
}
