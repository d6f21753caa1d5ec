import type { z } from 'zod';
import type { Practice } from '@crowndesk/domain';
import type { CrownDeskClient } from '../client/crowndesk-client';
import type { AppointmentWire, BackendAppointmentStatus, BackendAppointmentType } from './appointment-wire';
import { appointmentPageWire, appointmentWire } from './appointment-wire';
import type { PatientWire } from './patient-wire';
import { patientSearchWire, patientWire } from './patient-wire';
import { timeSlotsWire } from './slot-wire';

/** Body of `POST /ai-agent/appointments/slots`. */
export interface SlotSearchBody {
  /** The provider's name as CrownDesk stores it (the route compares the legacy name, not an id). */
  provider: string;
  /** Parsed with `new Date(date)`; the backend then takes that day, 08:00-17:00, in the server's zone. */
  date: string;
  /** Slot length in minutes (backend default 30). */
  duration: number;
}

/** Body of `POST /ai-agent/patients`. */
export interface NewPatientBody {
  firstName: string;
  lastName: string;
  /** "YYYY-MM-DD" */
  dateOfBirth: string;
  phone?: string;
}

/** Body of `POST /ai-agent/appointments`. */
export interface NewAppointmentBody {
  patientId: string;
  startTime: string;
  endTime: string;
  appointmentType: BackendAppointmentType;
  provider: string;
  status: 'scheduled';
  notes: string;
}

/**
 * The CrownDesk AI-agent adapter routes (`src/modules/ai-agent/ai-agent.controller.ts`), one method each,
 * typed on both sides. All are POST/PATCH with JSON bodies, so no patient data ever sits in a URL.
 * Reads take the caller's signal and stop when it aborts. Writes take none on purpose: one that has been
 * sent is seen through, so its outcome is known rather than left to guesswork.
 */
export class AiAgentRoutes {
  constructor(private readonly client: CrownDeskClient) {}

  /** First or last name contains `q` (case-insensitive), at most 20. `q` must have 2+ characters. */
  searchPatients(practice: Practice, q: string, signal?: AbortSignal): Promise<PatientWire[]> {
    return this.read(practice, '/ai-agent/patients/search', { q }, patientSearchWire, signal);
  }

  /** 201 with the patient row; 400 when a patient with the same first name, last name and birth date exists. */
  createPatient(practice: Practice, body: NewPatientBody, idempotencyKey: string): Promise<PatientWire> {
    return this.client.request({
      intent: 'write',
      idempotencyKey,
      practice,
      method: 'POST',
      path: '/ai-agent/patients',
      body,
      response: patientWire,
    });
  }

  availableSlots(practice: Practice, body: SlotSearchBody, signal?: AbortSignal): Promise<z.output<typeof timeSlotsWire>> {
    return this.read(practice, '/ai-agent/appointments/slots', body, timeSlotsWire, signal);
  }

  /** The patient's appointments, newest start first, first page of 100, any status. */
  async patientAppointments(practice: Practice, patientId: string, signal?: AbortSignal): Promise<AppointmentWire[]> {
    const page = await this.read(practice, '/ai-agent/patients/appointments', { patientId }, appointmentPageWire, signal);
    return page.data;
  }

  /** 201 with the row; 409 when the provider's time overlaps a live appointment; 400 for a start in the past. */
  createAppointment(practice: Practice, body: NewAppointmentBody, idempotencyKey: string): Promise<AppointmentWire> {
    return this.client.request({
      intent: 'write',
      idempotencyKey,
      practice,
      method: 'POST',
      path: '/ai-agent/appointments',
      body,
      response: appointmentWire,
    });
  }

  /** 200 with the row; 404 unknown id; 400 for a transition the backend forbids (e.g. cancelled -> cancelled). */
  updateAppointmentStatus(
    practice: Practice,
    body: { appointmentId: string; status: BackendAppointmentStatus },
    idempotencyKey: string,
  ): Promise<AppointmentWire> {
    return this.client.request({
      intent: 'write',
      idempotencyKey,
      practice,
      method: 'PATCH',
      path: '/ai-agent/appointments/status',
      body,
      response: appointmentWire,
    });
  }

  private read<T>(practice: Practice, path: string, body: unknown, response: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    return this.client.request({ intent: 'read', practice, method: 'POST', path, body, response, signal });
  }
}
