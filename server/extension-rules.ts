import fs from 'node:fs/promises';
import { parseRuleSet, type RuleSet } from '../shared/rules';

export type Log = (message: string, error?: unknown) => void;

/**
 * The operator's rule file (EXTENSION_RULES_FILE). It is read at start-up and
 * again whenever its modification time or size changes, so an operator can
 * ship a selector fix by replacing one file, without a restart. A file that
 * does not parse or validate is logged once per change and never served.
 */
export class OperatorRuleFile {
  /** `mtime:size` of the version last read, `absent` when there was no file. */
  private seen: string | undefined;
  private rules: RuleSet | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly log: Log,
  ) {}

  /** The valid rule set in the file, or undefined when there is none. */
  async current(): Promise<RuleSet | undefined> {
    // Concurrent requests share one stat (and at most one read).
    this.checking ??= this.refresh().finally(() => {
      this.checking = undefined;
    });
    await this.checking;
    return this.rules;
  }

  private async refresh(): Promise<void> {
    let version: string;
    try {
      const stat = await fs.stat(this.file);
      version = `${stat.mtimeMs}:${stat.size}`;
    } catch (error) {
      version = 'absent';
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && this.seen !== 'error') {
        this.log(`EXTENSION_RULES_FILE: cannot read ${this.file}; serving the built-in rules`, error);
        version = 'error';
      }
    }
    if (version === this.seen) return;
    this.seen = version;
    this.rules = version === 'absent' || version === 'error' ? undefined : await this.read();
  }

  private async read(): Promise<RuleSet | undefined> {
    let json: unknown;
    try {
      json = JSON.parse(await fs.readFile(this.file, 'utf8'));
    } catch (error) {
      this.log(`EXTENSION_RULES_FILE: ${this.file} is not readable JSON and is ignored`, error instanceof SyntaxError ? error.message : error);
      return undefined;
    }
    const parsed = parseRuleSet(json);
    if (!parsed.ok) {
      this.log(`EXTENSION_RULES_FILE: ${this.file} is not a valid rule set and is ignored:\n  ${parsed.errors.join('\n  ')}`);
      return undefined;
    }
    if (parsed.filled) {
      // Not an error: a file written for an older extension format keeps working, but its author should know.
      this.log(`EXTENSION_RULES_FILE: ${this.file} predates fields of the current rule format; taken from the built-in set: ${parsed.filled.join(', ')}`);
    }
    return parsed.rules;
  }
}
