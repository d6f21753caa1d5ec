import type { Clock } from '@crowndesk/domain';
import { BENCH_CLOCK_ORIGIN } from './caller-dialogue';
import { serveGatewayHost } from './gateway-host';

/**
 * The server side of the Retell benchmark, in its own process (forked by host-process.ts) so that it has its
 * own event loop and CPU account, as in production where Retell is a remote client. Serves the real gateway
 * (embedded SQLite in a fresh temporary DATA_DIR, built-in engine, info-level logs) and the echo baseline.
 */

// The dialogue's dates stay fixed ("Wednesday" is always 25 November 2026) while time still passes.
const startedAt = Date.now();
const clock: Clock = { now: () => new Date(BENCH_CLOCK_ORIGIN.getTime() + (Date.now() - startedAt)) };

await serveGatewayHost({ dataDirPrefix: 'crowndesk-bench-', overrides: { clock }, announce: (url) => url.replace(/^http/, 'ws') });
