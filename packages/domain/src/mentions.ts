/** Usernames: 3–30 letters, digits, `_`, `-` or `.`; not starting or ending with a dot. */
export const usernamePattern = /^[a-zA-Z0-9_](?:[a-zA-Z0-9_.-]{1,28})[a-zA-Z0-9_]$/;

/**
 * Distinct @usernames mentioned in a Markdown body, lowercase, outside code spans and blocks.
 * Email addresses (`a@b.c`) are not mentions.
 */
export function extractMentions(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]*`/g, ' ');
  const found = new Set<string>();
  for (const match of withoutCode.matchAll(/(^|[^\w@.])@([a-zA-Z0-9_][a-zA-Z0-9_.-]{1,28}[a-zA-Z0-9_])/g)) {
    found.add(match[2]!.toLowerCase());
  }
  return [...found];
}
