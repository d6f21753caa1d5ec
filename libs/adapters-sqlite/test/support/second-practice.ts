import type { Practice } from '@crowndesk/domain';
import { DEMO_PRACTICE } from '../../src';

/** Another tenant in the same file, for isolation tests: same shape as the demo, its own ids and number. */
export const LAKESIDE: Practice = {
  ...DEMO_PRACTICE,
  id: 'lakeside-family',
  name: 'Lakeside Family Dentistry',
  timeZone: 'America/Chicago',
  greeting: 'Thank you for calling Lakeside Family Dentistry. How can I help?',
  address: '9 Shore Road, Lakeside',
};
export const LAKESIDE_NUMBER = '+15555550777';
export const LAKESIDE_AGENT = 'agent_lakeside';
