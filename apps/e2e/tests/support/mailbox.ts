import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';

/**
 * The mail the server under test sent. Without SMTP_URL it writes each message as an .eml file
 * under its data folder, which run.mjs chose and shares with the tests through PARVIS_DATA_DIR.
 */
const folder = () => {
  const dataDir = process.env.PARVIS_DATA_DIR;
  if (!dataDir) throw new Error('PARVIS_DATA_DIR is unset: run the browser tests with `pnpm test`.');
  return path.join(dataDir, 'mail');
};

/** Waits for the newest message to `to` whose subject is `subject`. */
export async function waitForMail(to: string, subject: string, timeoutMs = 15_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await readdir(folder()).catch(() => [] as string[]);
    // File names start with the time they were written, so the newest sorts last.
    for (const name of names
      .filter((n) => n.endsWith('.eml'))
      .sort()
      .reverse()) {
      const mail = await simpleParser(await readFile(path.join(folder(), name)));
      const address = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
      if (address === to && mail.subject === subject) return mail;
    }
    if (Date.now() > deadline) throw new Error(`no mail “${subject}” to ${to} in ${folder()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The path of the first link in the mail's text that starts with `prefix`, e.g. `/verify-email/`. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const found = new RegExp(`https?://[^\\s/]+(${prefix}[a-z2-7]+)`).exec(mail.text ?? '');
  if (!found) throw new Error(`no ${prefix} link in: ${mail.text}`);
  return found[1]!;
}
