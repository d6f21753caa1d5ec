import { z } from 'zod';
import type { Practice } from '@crowndesk/domain';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { toUtcInstant } from '../database/utc-instant';
import { profileOf } from './practice-profile';

/** How calls find a practice: the numbers callers dial and the voice agents that answer for it. */
export interface PracticeRouting {
  phoneNumbers: string[];
  voiceAgentIds: string[];
  /** Answer calls to unknown numbers. At most one practice is the fallback: setting it moves it here. */
  isFallback?: boolean;
}

const routingSchema = z.object({
  phoneNumbers: z.array(z.e164()),
  voiceAgentIds: z.array(z.string().trim().min(1).max(200)),
  isFallback: z.boolean().default(false),
});

/**
 * Creates or replaces a practice and its routing, in one transaction. A number or agent id that already
 * routes to another practice is an error (it is never silently taken over).
 */
export function savePractice(database: EmbeddedDatabase, practice: Practice, routing: PracticeRouting): void {
  const { phoneNumbers, voiceAgentIds, isFallback } = routingSchema.parse(routing);
  const profile = profileOf(practice);
  const { handle } = database;
  const save = handle.transaction((savedAt: string) => {
    if (isFallback) {
      handle
        .prepare('UPDATE practices SET is_fallback = 0, updated_at = ? WHERE is_fallback = 1 AND id <> ?')
        .run(savedAt, practice.id);
    }
    handle
      .prepare(
        `INSERT INTO practices (id, name, time_zone, is_fallback, profile, created_at, updated_at)
         VALUES (@id, @name, @timeZone, @isFallback, @profile, @savedAt, @savedAt)
         ON CONFLICT (id) DO UPDATE SET
           name = excluded.name, time_zone = excluded.time_zone, is_fallback = excluded.is_fallback,
           profile = excluded.profile, updated_at = excluded.updated_at`,
      )
      .run({ id: practice.id, name: practice.name, timeZone: practice.timeZone, isFallback: isFallback ? 1 : 0, profile, savedAt });
    handle.prepare('DELETE FROM practice_phone_numbers WHERE practice_id = ?').run(practice.id);
    handle.prepare('DELETE FROM practice_voice_agents WHERE practice_id = ?').run(practice.id);
    const addNumber = handle.prepare('INSERT INTO practice_phone_numbers (phone_number, practice_id) VALUES (?, ?)');
    for (const number of phoneNumbers) addNumber.run(number, practice.id);
    const addAgent = handle.prepare('INSERT INTO practice_voice_agents (agent_id, practice_id) VALUES (?, ?)');
    for (const agentId of voiceAgentIds) addAgent.run(agentId, practice.id);
  });
  try {
    save.immediate(toUtcInstant(database.now()));
  } catch (error) {
    throw new Error(`Could not save practice ${practice.id}`, { cause: error });
  }
  database.logger.info(
    { practiceId: practice.id, phoneNumbers: phoneNumbers.length, voiceAgents: voiceAgentIds.length, isFallback },
    'practice saved',
  );
}
