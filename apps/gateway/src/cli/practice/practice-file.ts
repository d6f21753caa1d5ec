import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEMO_AGENT_ID, DEMO_PHONE_NUMBER, DEMO_PRACTICE, type PracticeRouting } from '@crowndesk/adapters-sqlite';
import type { Practice } from '@crowndesk/domain';

export const USAGE = `Usage: node --import tsx apps/gateway/src/cli/save-practice.ts --data-dir <dir> (--file <practice.json> | --demo)

Creates or replaces a practice in the gateway's directory (the SQLite file under DATA_DIR): how calls find it
(the numbers callers dial, the voice agents that answer for it) and everything the receptionist knows about it.
With BACKEND_URL set the gateway seeds no practice: a call is answered only for a practice saved here, and its
writes go to the CrownDesk tenant of BACKEND_TENANT_ID.

Options:
  --data-dir <dir>   The gateway's DATA_DIR
  --file <path>      {"practice": {id, name, timeZone, weeklyHours, closures, providers, operatories,
                     appointmentTypes, onCallNumber, transferTargets, greeting, address, facts, bookingPolicy},
                     "phoneNumbers": ["+1..."], "voiceAgentIds": ["agent_..."]}
  --demo             Save the demo practice, Bright Smile Dental (${DEMO_PHONE_NUMBER}, ${DEMO_AGENT_ID})
  --help             Show this help
`;

export interface SavePracticeCommand {
  dataDir: string;
  source: { kind: 'file'; path: string } | { kind: 'demo' };
}

/** Returns null when help was asked for; throws with a readable message on bad input. */
export function parseSavePracticeArguments(argv: string[]): SavePracticeCommand | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      file: { type: 'string' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const dataDir = values['data-dir']?.trim();
  if (!dataDir) throw new Error('--data-dir is required');
  if (values.demo === (values.file !== undefined)) throw new Error('give exactly one of --file and --demo');
  return { dataDir, source: values.demo ? { kind: 'demo' } : { kind: 'file', path: values.file ?? '' } };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The practice's own fields; the rest of its profile is validated by savePractice (adapters-sqlite). */
const practiceFileSchema = z.object({
  practice: z.looseObject({
    id: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'expected letters, digits, _ and -'),
    name: z.string().trim().min(1).max(200),
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone, e.g. America/New_York'),
  }),
  phoneNumbers: z.array(z.e164('expected an E.164 number, e.g. +15555550123')).min(1, 'expected at least one number'),
  voiceAgentIds: z.array(z.string().trim().min(1).max(200)).default([]),
});

export interface PracticeToSave {
  practice: Practice;
  routing: PracticeRouting;
}

/** The practice file's content (already JSON-parsed), validated; throws naming the bad fields, never their values. */
export function practiceFromFile(json: unknown): PracticeToSave {
  const parsed = practiceFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new Error(`The practice file is not valid:\n  ${problems.join('\n  ')}`);
  }
  const { practice, phoneNumbers, voiceAgentIds } = parsed.data;
  return { practice: practice as unknown as Practice, routing: { phoneNumbers, voiceAgentIds } };
}

export function demoPractice(): PracticeToSave {
  return { practice: DEMO_PRACTICE, routing: { phoneNumbers: [DEMO_PHONE_NUMBER], voiceAgentIds: [DEMO_AGENT_ID] } };
}
