/**
 * The data and the route logic of the CrownDesk test backend: what CrownDesk's AI-agent routes do with a request
 * (libs/adapters-crowndesk/CONTRACT.md), over plain maps. The HTTP side (auth, idempotency, outages, recording)
 * is in backend-crowndesk-server.ts.
 */

export interface PatientRow {
  id: string;
  firstName: string;
  lastName: string;
  dob: string;
  phone: string | null;
  email: string | null;
}

export interface AppointmentRow {
  id: string;
  tenantId: string;
  patientId: string;
  providerId: null;
  provider: string;
  operatoryId: null;
  operatory: null;
  startTime: string;
  endTime: string;
  duration: number;
  appointmentType: string;
  status: string;
  notes: string | null;
}

export interface Answer {
  status: number;
  body: unknown;
}

const APPOINTMENT_TYPES = new Set([
  'new_patient', 'recall', 'treatment', 'emergency', 'consultation', 'follow_up',
  'hygiene', 'periodontal', 'restorative', 'endodontic', 'oral_surgery', 'orthodontic',
]);

/** `updateStatus`'s allowed transitions. */
const TRANSITIONS: Record<string, readonly string[]> = {
  scheduled: ['confirmed', 'cancelled'],
  confirmed: ['checked_in', 'cancelled', 'no_show'],
  checked_in: ['in_progress', 'cancelled'],
  in_progress: ['completed'],
};

const FREE_STATUSES = new Set(['cancelled', 'no_show']);

const nestError = (status: number, message: string, error: string): Answer => ({ status, body: { statusCode: status, message, error } });

type Body = Record<string, unknown>;

export class CrownDeskState {
  readonly patients = new Map<string, PatientRow>();
  readonly appointments = new Map<string, AppointmentRow>();
  /** `POST /api/calls/record` bodies by call id. */
  readonly callRecords = new Map<string, Body>();
  private nextId = 1;

  constructor(private readonly tenantId: string) {}

  route(method: string, path: string, body: Body): Answer {
    switch (`${method} ${path}`) {
      case 'POST /ai-agent/appointments/slots':
        return this.slots(body);
      case 'POST /ai-agent/patients/search':
        return this.searchPatients(body);
      case 'POST /ai-agent/patients':
        return this.createPatient(body);
      case 'POST /ai-agent/patients/appointments':
        return this.patientAppointments(body);
      case 'POST /ai-agent/appointments':
        return this.createAppointment(body);
      case 'PATCH /ai-agent/appointments/status':
        return this.updateStatus(body);
      case 'POST /calls/record':
        return this.recordCall(body);
      default:
        return nestError(404, `Cannot ${method} ${path}`, 'Not Found');
    }
  }

  /** Every `duration` step from 08:00 to 17:00 of `new Date(date)`'s day, in the server's zone (UTC here, as on Vercel). */
  private slots(body: Body): Answer {
    const provider = String(body['provider'] ?? '');
    const duration = typeof body['duration'] === 'number' ? body['duration'] : 30;
    const day = new Date(String(body['date']));
    if (!provider || Number.isNaN(day.getTime())) return nestError(400, 'provider and date are required', 'Bad Request');
    const slots = [];
    for (let start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 8); ; start += duration * 60_000) {
      const end = start + duration * 60_000;
      if (end > Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 17)) break;
      const available = !this.overlapping(provider, start, end);
      slots.push({ startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString(), available, provider });
    }
    return { status: 200, body: slots };
  }

  private searchPatients(body: Body): Answer {
    const q = String(body['q'] ?? '').toLowerCase();
    if (q.length < 2) return nestError(400, 'Search query must be at least 2 characters', 'Bad Request');
    const found = [...this.patients.values()]
      .filter((row) => [row.firstName, row.lastName, row.email ?? ''].some((field) => field.toLowerCase().includes(q)) || (row.phone ?? '').includes(q))
      .sort((a, b) => a.lastName.localeCompare(b.lastName))
      .slice(0, 20);
    return { status: 200, body: found };
  }

  private createPatient(body: Body): Answer {
    const firstName = String(body['firstName'] ?? '');
    const lastName = String(body['lastName'] ?? '');
    const dateOfBirth = String(body['dateOfBirth'] ?? '');
    if (!firstName || !lastName || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return nestError(400, 'Missing required fields', 'Bad Request');
    const dob = `${dateOfBirth}T00:00:00.000Z`;
    const same = [...this.patients.values()].find((row) => row.firstName === firstName && row.lastName === lastName && row.dob === dob);
    if (same) return nestError(400, 'Patient with this name and date of birth already exists', 'Bad Request');
    const row: PatientRow = { id: this.id('pat'), firstName, lastName, dob, phone: typeof body['phone'] === 'string' ? body['phone'] : null, email: null };
    this.patients.set(row.id, row);
    return { status: 201, body: row };
  }

  private patientAppointments(body: Body): Answer {
    const patientId = String(body['patientId'] ?? '');
    const limit = typeof body['limit'] === 'number' ? body['limit'] : 100;
    const rows = [...this.appointments.values()]
      .filter((row) => row.patientId === patientId)
      .sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
    return { status: 200, body: { data: rows.slice(0, limit).map((row) => this.withPatient(row)), total: rows.length, limit, offset: 0 } };
  }

  private createAppointment(body: Body): Answer {
    const patientId = String(body['patientId'] ?? '');
    const start = Date.parse(String(body['startTime']));
    const end = Date.parse(String(body['endTime']));
    const provider = typeof body['provider'] === 'string' ? body['provider'] : 'AI Agent';
    const appointmentType = String(body['appointmentType'] ?? 'treatment');
    if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return nestError(400, 'End time must be after start time', 'Bad Request');
    if (!this.patients.has(patientId)) return nestError(404, 'Patient not found', 'Not Found');
    const conflict = this.overlapping(provider, start, end);
    if (conflict) {
      return { status: 409, body: { message: 'Time slot conflicts with an existing appointment', conflictingAppointment: { id: conflict.id } } };
    }
    // Prisma refuses a value outside its enum: CrownDesk answers that as a 500.
    if (!APPOINTMENT_TYPES.has(appointmentType)) return nestError(500, 'Internal server error', 'Internal Server Error');
    const row: AppointmentRow = {
      id: this.id('apt'),
      tenantId: this.tenantId,
      patientId,
      providerId: null,
      provider,
      operatoryId: null,
      operatory: null,
      startTime: new Date(start).toISOString(),
      endTime: new Date(end).toISOString(),
      duration: Math.round((end - start) / 60_000),
      appointmentType,
      status: 'scheduled',
      notes: typeof body['notes'] === 'string' ? body['notes'] : null,
    };
    this.appointments.set(row.id, row);
    return { status: 201, body: this.withPatient(row) };
  }

  private updateStatus(body: Body): Answer {
    const row = this.appointments.get(String(body['appointmentId'] ?? ''));
    if (!row) return nestError(404, 'Appointment not found', 'Not Found');
    const status = String(body['status'] ?? '');
    if (!(TRANSITIONS[row.status] ?? []).includes(status)) return nestError(400, `Cannot change status from ${row.status} to ${status}`, 'Bad Request');
    row.status = status;
    return { status: 200, body: this.withPatient(row) };
  }

  /** Ours, pending confirmation (CONTRACT.md): a second record of a call is a 409. */
  private recordCall(body: Body): Answer {
    const callId = String(body['callId'] ?? '');
    if (!callId) return nestError(400, 'callId is required', 'Bad Request');
    if (this.callRecords.has(callId)) return nestError(409, 'Call already recorded', 'Conflict');
    this.callRecords.set(callId, body);
    return { status: 201, body: { id: this.id('call'), callId } };
  }

  private overlapping(provider: string, start: number, end: number): AppointmentRow | undefined {
    return [...this.appointments.values()].find(
      (row) =>
        row.provider === provider && !FREE_STATUSES.has(row.status) && Date.parse(row.startTime) < end && Date.parse(row.endTime) > start,
    );
  }

  private withPatient(row: AppointmentRow) {
    const patient = this.patients.get(row.patientId);
    return { ...row, patient: patient ? { id: patient.id, firstName: patient.firstName, lastName: patient.lastName, phone: patient.phone } : null };
  }

  private id(prefix: string): string {
    return `${prefix}_${String(this.nextId++).padStart(4, '0')}`;
  }
}
