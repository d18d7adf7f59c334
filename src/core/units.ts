// Member-unit lists: one name per line, as the office writes them.

/**
 * One name per line; blank lines and lines whose first non-blank character is # do not count (the list
 * files say so in their header). A # inside a line is part of the name. A byte-order mark is ignored;
 * a name listed twice counts once.
 */
export function parseUnitList(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const name = line.trim();
    if (name && !name.startsWith("#")) seen.add(name);
  }
  return [...seen];
}
