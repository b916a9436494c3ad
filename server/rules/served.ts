import type { RuleSet } from '../../shared/rules';
import type { OperatorRuleFile } from '../extension-rules';
import type { RuleUploadStore, UploadedRuleSet } from './upload-store';

/**
 * Which detection rule set extensions are served: of the built-in set, the
 * operator's EXTENSION_RULES_FILE and the newest admin upload, the one with
 * the highest version. Extensions only ever replace their rules with a higher
 * version, so serving a lower one would reach nobody who already has the
 * higher; "highest wins" is the only order the field can follow. On a tie the
 * upload beats the file and the file the built-in set. An upload must be
 * higher than what is served when it is made (shared/rules/upload.ts), so it
 * is served at once; a file with a higher version, dropped in later, takes
 * over until an admin uploads or rolls back again (a rollback gets a new,
 * higher version for this reason).
 */

export type RuleSetSource = 'built-in' | 'file' | 'uploaded';

export interface ServedRuleSet {
  rules: RuleSet;
  source: RuleSetSource;
  upload?: UploadedRuleSet;
}

export interface ServedRules {
  current(): Promise<ServedRuleSet>;
}

export function createServedRules(options: { shipped: RuleSet; file: Pick<OperatorRuleFile, 'current'>; uploads?: Pick<RuleUploadStore, 'newest'> }): ServedRules {
  return {
    async current() {
      let served: ServedRuleSet = { rules: options.shipped, source: 'built-in' };
      const fromFile = await options.file.current();
      if (fromFile && fromFile.version > served.rules.version) served = { rules: fromFile, source: 'file' };
      const upload = options.uploads?.newest();
      if (upload && upload.rules.version >= served.rules.version) served = { rules: upload.rules, source: 'uploaded', upload };
      return served;
    },
  };
}
