import type { Clock, Logger } from '@crowndesk/domain';
import type { AiAgentRoutes } from '../wire/ai-agent-routes';
import type { KnownAppointments } from './known-appointments';
import type { BackendVocabulary } from './vocabulary';

/** What every scheduling operation works with. */
export interface SchedulingContext {
  routes: AiAgentRoutes;
  vocabulary: BackendVocabulary;
  logger: Logger;
  clock: Clock;
  /** Slot searches (one per provider and day) in flight at once. */
  slotConcurrency: number;
  /** Days one openSlots query may span: bounds the fan-out of slot searches. */
  maxSlotDays: number;
  /** Appointments recently read or written, so a slot search can ignore the one being moved. */
  known: KnownAppointments;
}
