/** A patient of one practice. Name, date of birth and phone are PHI: never logged. */
export interface Patient {
  id: string;
  practiceId: string;
  firstName: string;
  lastName: string;
  /** "YYYY-MM-DD" */
  dateOfBirth: string;
  /** E.164, when known. */
  phone?: string;
}

export interface NewPatient {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone?: string;
}

/** What a caller tells us to prove who they are. */
export interface CallerIdentity {
  fullName: string;
  /** "YYYY-MM-DD" */
  dateOfBirth: string;
}
