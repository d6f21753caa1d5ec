import type Database from 'better-sqlite3';
import type { Practice, PracticeDirectory } from '@crowndesk/domain';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { practiceFromRow, type PracticeRow } from './practice-profile';

const PRACTICE_COLUMNS = 'p.id, p.name, p.time_zone, p.profile';
/** Punctuation people and some vendors put in numbers: "+1 (555) 555-0123" is "+15555550123". */
const NUMBER_PUNCTUATION = /[\s().-]/g;

/** PracticeDirectory over the embedded database: which practice a dialled number or voice agent belongs to. */
export class SqlitePracticeDirectory implements PracticeDirectory {
  private readonly byNumberStatement: Database.Statement<[string], PracticeRow>;
  private readonly byAgentStatement: Database.Statement<[string], PracticeRow>;
  private readonly byIdStatement: Database.Statement<[string], PracticeRow>;
  private readonly fallbackStatement: Database.Statement<[], PracticeRow>;

  constructor(database: EmbeddedDatabase) {
    const { handle } = database;
    this.byNumberStatement = handle.prepare(
      `SELECT ${PRACTICE_COLUMNS} FROM practice_phone_numbers n JOIN practices p ON p.id = n.practice_id
       WHERE n.phone_number = ?`,
    );
    this.byAgentStatement = handle.prepare(
      `SELECT ${PRACTICE_COLUMNS} FROM practice_voice_agents a JOIN practices p ON p.id = a.practice_id
       WHERE a.agent_id = ?`,
    );
    this.byIdStatement = handle.prepare(`SELECT ${PRACTICE_COLUMNS} FROM practices p WHERE p.id = ?`);
    this.fallbackStatement = handle.prepare(`SELECT ${PRACTICE_COLUMNS} FROM practices p WHERE p.is_fallback = 1`);
  }

  async byPhoneNumber(phoneNumber: string): Promise<Practice | null> {
    return this.practiceOf(this.byNumberStatement.get(phoneNumber.replace(NUMBER_PUNCTUATION, '')));
  }

  async byVoiceAgentId(agentId: string): Promise<Practice | null> {
    return this.practiceOf(this.byAgentStatement.get(agentId));
  }

  async byId(practiceId: string): Promise<Practice | null> {
    return this.practiceOf(this.byIdStatement.get(practiceId));
  }

  async fallback(): Promise<Practice | null> {
    return this.practiceOf(this.fallbackStatement.get());
  }

  private practiceOf(row: PracticeRow | undefined): Practice | null {
    return row ? practiceFromRow(row) : null;
  }
}
