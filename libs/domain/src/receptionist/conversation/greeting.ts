import type { Practice } from '../../model';

/** The opening line: the practice's own greeting when it has one, else a neutral one in its name. */
export function practiceGreeting(practice: Practice): string {
  const custom = practice.greeting.trim();
  if (custom.length > 0) return custom;
  return `Thank you for calling ${practice.name}. This is the virtual receptionist. How can I help you today?`;
}
