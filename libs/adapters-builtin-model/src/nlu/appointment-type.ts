import { plainText } from './normalize';

export interface KnownAppointmentType {
  code: string;
  name: string;
}

/** How callers name the standard visit types, most specific first (a "new patient cleaning" is a new patient visit). */
const SYNONYMS: readonly (readonly [string, RegExp])[] = [
  [
    'emergency',
    /\b(?:emergency|urgent|toothache|tooth ache|tooth (?:hurts|is hurting|pain)|(?:broken|broke|chipped|cracked) (?:a |my )?tooth|lost (?:a |my )?filling|in pain)\b/,
  ],
  [
    'new_patient',
    /\b(?:new patient|first (?:time|visit)|never been (?:there|here|in)|haven't been (?:there|here|in) before|new to (?:the|your) (?:practice|office))\b/,
  ],
  ['cleaning', /\b(?:cleaning|clean|hygiene|hygienist|teeth cleaned|tooth cleaned|polish|scaling)\b/],
  ['exam', /\b(?:exam|examination|check ?-?up|checked|routine visit|look at my (?:teeth|tooth|mouth))\b/],
];

/**
 * The practice's appointment type the caller asked for, by code. Standard types are recognised by their
 * usual names; any other type the practice offers, by its own name or code.
 */
export function detectAppointmentType(text: string, types: readonly KnownAppointmentType[]): string | undefined {
  const plain = plainText(text);
  for (const [code, pattern] of SYNONYMS) {
    if (pattern.test(plain) && types.some((type) => type.code === code)) return code;
  }
  const byName = types
    .filter((type) => mentions(plain, type.name) || mentions(plain, type.code.replace(/_/g, ' ')))
    .sort((a, b) => b.name.length - a.name.length);
  return byName[0]?.code;
}

function mentions(text: string, phrase: string): boolean {
  const words = phrase.toLowerCase().trim();
  if (words.length < 3) return false;
  return new RegExp(`\\b${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?\\b`).test(text);
}
