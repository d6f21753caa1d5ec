export { CrownDeskOutboxDelivery, type CrownDeskOutboxDeliveryOptions } from './crowndesk-outbox-delivery';
export { outcomeOfFailure } from './delivery-outcome';
export { toDomainError, withDomainErrors } from './domain-errors';
