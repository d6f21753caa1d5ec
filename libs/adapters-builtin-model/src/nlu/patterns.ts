/** Small builders that keep the phrase lists readable: one phrase (a regex fragment) per entry. */

/** Any of the phrases, as whole words. */
export function phrases(...alternatives: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${alternatives.join('|')})\\b`);
}

/** Any of the phrases at the start of the line. */
export function startsWith(...alternatives: readonly string[]): RegExp {
  return new RegExp(`^(?:${alternatives.join('|')})\\b`);
}

/** Matches where any of the patterns does. */
export function anyOf(...patterns: readonly RegExp[]): RegExp {
  return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'));
}
