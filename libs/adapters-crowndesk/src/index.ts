export { CrownDeskClient } from './client/crowndesk-client';
export type { CrownDeskRequest, RequestIntent } from './client/crowndesk-client';
export type { CrownDeskClientOptions, CrownDeskClientTunables, Sleep } from './client/options';
export type { BackendCredentials, CredentialsFor } from './client/credentials';
export {
  CrownDeskError,
  BackendUnavailableError,
  BackendRejectedError,
  BackendProtocolError,
} from './client/errors';
export type { HttpMethod, UnavailableReason, RejectionKind, ProtocolProblem } from './client/errors';
export { CrownDeskSchedulingBackend } from './scheduling/crowndesk-scheduling-backend';
export type { CrownDeskSchedulingBackendOptions } from './scheduling/crowndesk-scheduling-backend';
export { DEFAULT_APPOINTMENT_TYPE_MAP } from './scheduling/vocabulary';
export type { VocabularyOptions } from './scheduling/vocabulary';
export { BACKEND_APPOINTMENT_TYPES, BACKEND_APPOINTMENT_STATUSES } from './wire/appointment-wire';
export type { BackendAppointmentType, BackendAppointmentStatus } from './wire/appointment-wire';
export { CrownDeskCallLog, callRecordKey } from './call-log/crowndesk-call-log';
export type { CrownDeskCallLogOptions } from './call-log/crowndesk-call-log';
export type { CallRecordBody, BackendCallOutcome } from './call-log/call-record-body';
export { CrownDeskHealth } from './health/crowndesk-health';
export type { HealthReport, HealthDownReason } from './health/crowndesk-health';
export * from './delivery';
