import { describe, expect, it } from 'vitest';
import { RULE_LIMITS, shippedRules, type RuleSet } from './index';
import { checkRuleSetUpload, selectorsIn } from './upload';

function next(): RuleSet {
  const rules = structuredClone(shippedRules);
  rules.version = shippedRules.version + 1;
  return rules;
}

function errorsOf(input: unknown, served = shippedRules.version): string[] {
  const result = checkRuleSetUpload(input, served);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('selectorsIn', () => {
  it('finds the selectors of every site, and never a text, path, host or attribute name', () => {
    const found = selectorsIn(shippedRules);
    const paths = found.map((f) => f.path);
    expect(paths).toContain('sites.linkedin.selectors.title.0');
    expect(paths).toContain('sites.internshala.selectors.card.0');
    expect(paths).toContain('sites.generic.jsonLd.0');
    expect(paths).toContain('sites.generic.knownHosts.0.title.0');
    expect(paths).toContain('sites.ats.greenhouse.success.0');
    expect(paths.filter((p) => p.startsWith('sites.linkedin.selectors.jobIdAttributes.')).every((p) => /\.selector$/.test(p))).toBe(true);
    expect(paths.some((p) => /\.(texts|urls|hosts|jobPostingTypes|titleSuffixes|trackingParams|confirmationSegments)\b/.test(p))).toBe(false);
    expect(paths.some((p) => /\.(attribute|value|param|path)$/.test(p))).toBe(false);
  });
});

describe('checkRuleSetUpload', () => {
  it('accepts the shipped set one version up (every shipped selector parses)', () => {
    expect(checkRuleSetUpload(next(), shippedRules.version)).toEqual({ ok: true, rules: next() });
  });

  it('refuses a version extensions would ignore', () => {
    expect(errorsOf(structuredClone(shippedRules))).toEqual([expect.stringMatching(/^version: must be higher than 3, the version served now/)]);
    expect(errorsOf(next(), shippedRules.version + 1)[0]).toMatch(/^version: must be higher than 4/);
  });

  it('names a selector with a typo by its path', () => {
    const rules = next();
    rules.sites.linkedin.selectors.company = ['.job-details__company[data-x="1"', ...rules.sites.linkedin.selectors.company];
    rules.sites.ats.lever.success = ['div >'];
    const errors = errorsOf(rules);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^sites\.linkedin\.selectors\.company\.0: not a valid CSS selector/);
    expect(errors[1]).toMatch(/^sites\.ats\.lever\.success\.0: not a valid CSS selector/);
  });

  it('refuses emptied lists a site cannot be detected without, and allows one of two alternatives', () => {
    const rules = next();
    rules.sites.linkedin.selectors.title = [];
    expect(checkRuleSetUpload(rules, shippedRules.version).ok).toBe(true);
    rules.sites.linkedin.selectors.topCardRoots = [];
    rules.sites.generic.jsonLd = [];
    expect(errorsOf(rules)).toEqual([
      'sites.linkedin.selectors.title or sites.linkedin.selectors.topCardRoots: must not be empty (no LinkedIn job title can be found)',
      'sites.generic.jsonLd: must not be empty (no job posting on other sites can be read)',
    ]);
  });

  it('passes the schema\'s own errors on, and tells an oversized set apart', () => {
    const broken = next() as unknown as { sites: { linkedin: { hosts: unknown } } };
    broken.sites.linkedin.hosts = [];
    expect(checkRuleSetUpload(broken, shippedRules.version)).toMatchObject({ ok: false, reason: 'invalid', errors: [expect.stringMatching(/^sites\.linkedin\.hosts: /)] });
    const huge = { ...next(), padding: 'x'.repeat(RULE_LIMITS.bytes) };
    expect(checkRuleSetUpload(huge, shippedRules.version)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('fills a set written before the current format from the built-in one and says so', () => {
    const old = next() as unknown as { sites: Record<string, unknown> };
    delete old.sites['ats'];
    const result = checkRuleSetUpload(old, shippedRules.version);
    expect(result).toMatchObject({ ok: true, filled: ['sites.ats'] });
  });
});
