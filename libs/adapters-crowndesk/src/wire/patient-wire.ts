import { z } from 'zod';
import { calendarDate } from './instant';

/** The patient fields the AI-agent routes return (search selects exactly these, plus email). */
export const patientWire = z.object({
  id: z.string().min(1),
  firstName: z.string(),
  lastName: z.string(),
  dob: calendarDate,
  phone: z.string().nullish(),
});
export type PatientWire = z.output<typeof patientWire>;

/** `POST /ai-agent/patients/search` answers a bare array (at most 20, by last name). */
export const patientSearchWire = z.array(patientWire);
