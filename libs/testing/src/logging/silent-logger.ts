import type { Logger } from '@crowndesk/domain';

/** A Logger that drops everything: for worker processes whose logs no test reads. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
