import type { LocalDate, Practice } from '../../model';
import { spokenUpcomingClosures, spokenWeeklyHours } from '../../scheduling';

export interface PracticeAnswer {
  /** What was answered: "hours", "address", a fact's key, or "summary". */
  topic: string;
  answer: string;
}

const HOURS_WORDS = new Set(['hours', 'hour', 'open', 'opening', 'close', 'closed', 'closing', 'schedule', 'times', 'when', 'holiday', 'holidays']);
const ADDRESS_WORDS = new Set(['address', 'location', 'located', 'where', 'directions', 'find', 'office']);

/** Words that say nothing about the topic ("what insurance do you take"). */
const STOP_WORDS = new Set(['the', 'a', 'an', 'do', 'you', 'your', 'is', 'are', 'what', 'of', 'for', 'to', 'accept', 'accepted', 'take', 'info', 'information', 'about']);

/** Words callers use for the usual facts' keys. */
const FACT_WORD_SYNONYMS: Record<string, string> = {
  insurances: 'insurance',
  plan: 'insurance',
  plans: 'insurance',
  coverage: 'insurance',
  ppo: 'insurance',
  park: 'parking',
  garage: 'parking',
  pay: 'payment',
  payments: 'payment',
  financing: 'payment',
  languages: 'language',
  spanish: 'language',
};

/** Answers a caller's question about the practice from its own data only. */
export function answerPracticeQuestion(practice: Practice, topic: string | undefined, today: LocalDate): PracticeAnswer {
  const words = topicWords(topic ?? '');
  if (words.length === 0) return summary(practice, today);

  const asked = words.join('_');
  const exactFact = Object.keys(practice.facts).find((key) => topicWords(key).join('_') === asked);
  if (exactFact) return { topic: exactFact, answer: practice.facts[exactFact] as string };
  if (words.some((word) => HOURS_WORDS.has(word))) return { topic: 'hours', answer: hours(practice, today) };
  if (words.some((word) => ADDRESS_WORDS.has(word))) return { topic: 'address', answer: `We are at ${practice.address}.` };

  const fact = bestFact(practice, words);
  return fact ? { topic: fact, answer: practice.facts[fact] as string } : summary(practice, today);
}

function hours(practice: Practice, today: LocalDate): string {
  return [spokenWeeklyHours(practice), spokenUpcomingClosures(practice, today)].filter(Boolean).join(' ');
}

function summary(practice: Practice, today: LocalDate): PracticeAnswer {
  return { topic: 'summary', answer: `${practice.name} is at ${practice.address}. ${hours(practice, today)}` };
}

/** The fact whose key shares the most words with the question, if any. */
function bestFact(practice: Practice, words: readonly string[]): string | null {
  const asked = new Set(words.map(canonicalWord));
  let best: { key: string; score: number } | null = null;
  for (const key of Object.keys(practice.facts)) {
    const score = topicWords(key).map(canonicalWord).filter((word) => asked.has(word)).length;
    if (score > 0 && (!best || score > best.score)) best = { key, score };
  }
  return best?.key ?? null;
}

function topicWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !STOP_WORDS.has(word));
}

function canonicalWord(word: string): string {
  return FACT_WORD_SYNONYMS[word] ?? word;
}
