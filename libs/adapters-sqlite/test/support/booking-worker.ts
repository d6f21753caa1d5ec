/**
 * A separate OS process that books slots in the shared database file, for the cross-process race test.
 * Protocol: argv = [dataDir, workerName, slotsJson]; prints "ready" once the database is open, waits for a line
 * on stdin (the start signal, so all workers race), books every slot, prints one JSON line of statuses, exits.
 */
import { createInterface } from 'node:readline';
import type { Slot } from '@crowndesk/domain';
import { silentLogger } from '@crowndesk/testing';
import { DEMO_PATIENTS, DEMO_PRACTICE, openEmbeddedDatabase, SqliteSchedulingBackend } from '../../src';

const [dataDir, workerName, slotsJson] = process.argv.slice(2);
if (!dataDir || !workerName || !slotsJson) throw new Error('usage: booking-worker <dataDir> <workerName> <slotsJson>');
const slots = JSON.parse(slotsJson) as Slot[];

const database = openEmbeddedDatabase({ dataDir, logger: silentLogger, seedDemo: false });
const backend = new SqliteSchedulingBackend(database);
process.stdout.write('ready\n');

const input = createInterface({ input: process.stdin });
input.once('line', async () => {
  const statuses: string[] = [];
  for (const [index, slot] of slots.entries()) {
    const result = await backend.book(DEMO_PRACTICE, {
      patientId: DEMO_PATIENTS.johnSmith.id,
      slot,
      idempotencyKey: `${workerName}:${index}`,
    });
    statuses.push(result.status);
  }
  database.close();
  process.stdout.write(`${JSON.stringify(statuses)}\n`);
  input.close();
});
