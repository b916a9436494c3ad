import { describe, expect, it } from 'vitest';
import { newerRuleSet, parseRuleSet, RULE_LIMITS, shippedRules, type RuleSet } from './index';
import { compilePath, compileText, normaliseText } from './template';

function clone(): RuleSet {
  return structuredClone(shippedRules);
}

function errorsOf(input: unknown): string[] {
  const result = parseRuleSet(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('parseRuleSet', () => {
  it('accepts the shipped rule set', () => {
    const result = parseRuleSet(shippedRules);
    expect(result).toEqual({ ok: true, rules: shippedRules });
  });

  it('refuses what is not a rule set', () => {
    expect(errorsOf(null)).toEqual(['(root): Invalid input: expected object, received null']);
    expect(errorsOf({ version: 2 })[0]).toMatch(/^sites: /);
  });

  it('drops keys it does not know anywhere (a newer format\'s), and never hands them on', () => {
    const rules = clone() as unknown as { format: number; sites: { linkedin: Record<string, unknown> & { selectors: Record<string, unknown> } } };
    rules.format = 3;
    rules.sites.linkedin['script'] = 'alert(1)';
    rules.sites.linkedin.selectors['futureHooks'] = ['[data-future]'];
    const result = parseRuleSet(rules);
    expect(result).toEqual({ ok: true, rules: shippedRules });
    // What it knows is still held to the schema.
    rules.sites.linkedin.selectors['title'] = ['li:has(.x)'];
    expect(errorsOf(rules).join('\n')).toMatch(/sites\.linkedin\.selectors\.title\.0: .*:has\(\)/);
  });

  /** A set as the format before rule-set version 2 wrote it (an operator's file, an older extension's cache). */
  function formatOne(): Record<string, unknown> {
    const rules = clone() as unknown as { sites: Record<string, Record<string, unknown>> };
    const linkedin = rules.sites.linkedin as { selectors: Record<string, unknown>; recentAppliedMinutes?: number };
    const generic = rules.sites.generic!;
    for (const key of ['topCardRoots', 'companyLinks', 'notAppliedState']) delete linkedin.selectors[key];
    for (const key of ['botChecks', 'signInForms', 'titleSuffixes']) delete generic[key];
    linkedin.selectors.jobIdAttributes = (linkedin.selectors.jobIdAttributes as { value?: string }[]).filter((source) => source.value === undefined);
    linkedin.selectors.title = ['.operator-fixed-title'];
    linkedin.recentAppliedMinutes = 5;
    delete rules.sites.ats;
    return { ...rules, version: shippedRules.version + 1 };
  }

  it('upgrades a set in the older format: its own values kept, the fields added since taken from the built-in set', () => {
    const old = formatOne();
    const snapshot = structuredClone(old);
    const result = parseRuleSet(old);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.filled).toEqual([
      'sites.linkedin.selectors.topCardRoots',
      'sites.linkedin.selectors.companyLinks',
      'sites.linkedin.selectors.notAppliedState',
      'sites.generic.botChecks',
      'sites.generic.signInForms',
      'sites.generic.titleSuffixes',
      'sites.ats',
    ]);
    const { linkedin, generic } = result.rules.sites;
    expect(linkedin.selectors.title).toEqual(['.operator-fixed-title']);
    expect(linkedin.selectors.topCardRoots).toEqual(shippedRules.sites.linkedin.selectors.topCardRoots);
    expect(generic.botChecks).toEqual(shippedRules.sites.generic.botChecks);
    expect(linkedin).not.toHaveProperty('recentAppliedMinutes');
    expect(old).toEqual(snapshot);
    // A current set needs nothing filled; one that sets a field to nonsense is refused, not repaired.
    expect(parseRuleSet(shippedRules)).not.toHaveProperty('filled');
    const broken = formatOne() as { sites: { generic: Record<string, unknown> } };
    broken.sites.generic.botChecks = 'input[name=cf]';
    expect(errorsOf(broken)[0]).toMatch(/^sites\.generic\.botChecks: /);
  });

  it('gives a set written before the ATS rules (format 2) the built-in ones, keeps a served set\'s own, and drops systems it does not know', () => {
    const formatTwo = clone() as unknown as { version: number; sites: Record<string, unknown> };
    delete formatTwo.sites.ats;
    formatTwo.version = shippedRules.version + 1;
    const upgraded = parseRuleSet(formatTwo);
    expect(upgraded).toMatchObject({ ok: true, filled: ['sites.ats'] });
    expect(upgraded.ok && upgraded.rules.sites.ats).toEqual(shippedRules.sites.ats);

    const served = clone() as unknown as { sites: { ats: Record<string, unknown> & { lever: { success: string[] } } } };
    served.sites.ats.lever.success = ['.lever-new-confirmation'];
    served.sites.ats['smartrecruiters'] = { hosts: ['jobs.smartrecruiters.com'] };
    const parsed = parseRuleSet(served);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rules.sites.ats.lever.success).toEqual(['.lever-new-confirmation']);
    expect(Object.keys(parsed.rules.sites.ats)).toEqual(['greenhouse', 'lever', 'ashby', 'workday']);
    expect(parsed).not.toHaveProperty('filled');
    // Held to the same bounds as every other selector and path.
    served.sites.ats.lever.success = ['div:has(.done)'];
    expect(errorsOf(served).join('\n')).toMatch(/sites\.ats\.lever\.success\.0: .*:has\(\)/);
    const segments = clone();
    segments.sites.ats.workday.confirmationSegments = ['apply/../x'];
    expect(errorsOf(segments).join('\n')).toMatch(/sites\.ats\.workday\.confirmationSegments\.0: /);
  });

  it('refuses regular expressions disguised as texts: unknown placeholders and stray braces', () => {
    const rules = clone();
    rules.sites.linkedin.texts.sentTo = ['Your application was sent to (.*)+{evil}', 'a{2,}'];
    const errors = errorsOf(rules).join('\n');
    expect(errors).toContain('sites.linkedin.texts.sentTo.0: unknown placeholder {evil}');
    expect(errors).toContain('sites.linkedin.texts.sentTo.1: unknown placeholder {2,}');
  });

  it('refuses too many placeholders in one template', () => {
    const rules = clone();
    rules.sites.linkedin.texts.applied = ['{when} {company} {n}'];
    expect(errorsOf(rules).join('\n')).toContain('at most 2 placeholders');
  });

  it('refuses oversized strings, arrays and whole sets', () => {
    const rules = clone();
    rules.sites.linkedin.selectors.title = ['h1'.repeat(200)];
    rules.sites.linkedin.texts.yes = Array.from({ length: RULE_LIMITS.texts + 1 }, () => 'Yes');
    const errors = errorsOf(rules).join('\n');
    expect(errors).toMatch(/sites\.linkedin\.selectors\.title\.0: Too big: expected string to have <=300 characters/);
    expect(errors).toMatch(/sites\.linkedin\.texts\.yes: Too big: expected array to have <=60 items/);

    const huge = clone() as unknown as Record<string, unknown>;
    huge['padding'] = 'x'.repeat(RULE_LIMITS.bytes);
    expect(errorsOf(huge)).toEqual([expect.stringMatching(/^rule set too large: \d+ characters \(limit 262144\)$/)]);
  });

  it('refuses slow selectors and bad URL templates', () => {
    const rules = clone();
    rules.sites.linkedin.selectors.dialogs = ['div:has(div:has(div))', 'a b c d e f g h i j k l m n'];
    rules.sites.linkedin.urls.jobView = ['jobs/view/{id}', '/jobs/{id}/{id}'];
    rules.sites.linkedin.jobId = { format: 'digits', minLength: 10, maxLength: 5 };
    const errors = errorsOf(rules).join('\n');
    expect(errors).toContain('sites.linkedin.selectors.dialogs.0: selectors may not use :has()');
    expect(errors).toContain('sites.linkedin.selectors.dialogs.1: selector too deep');
    expect(errors).toContain('sites.linkedin.urls.jobView.0: paths start with /');
    expect(errors).toContain('sites.linkedin.urls.jobView.1: a placeholder appears twice');
    expect(errors).toContain('sites.linkedin.jobId: minLength must not exceed maxLength');
  });

  it('refuses a version that is not a positive integer and caps the error list', () => {
    expect(errorsOf({ ...clone(), version: 1.5 })[0]).toMatch(/^version: /);
    const rules = clone();
    rules.sites.linkedin.texts.yes = Array.from({ length: 40 }, () => '{x}');
    const errors = errorsOf(rules);
    expect(errors).toHaveLength(21);
    expect(errors[20]).toMatch(/^… and \d+ more$/);
  });
});

describe('newerRuleSet', () => {
  const v2 = { ...clone(), version: shippedRules.version + 1 };

  it('picks the higher valid version, the first on a tie, as passed in', () => {
    expect(newerRuleSet(shippedRules, v2)).toBe(v2);
    expect(newerRuleSet(v2, shippedRules)).toBe(v2);
    expect(newerRuleSet(shippedRules, clone())).toBe(shippedRules);
  });

  it('falls back to the valid one when the other is invalid or missing', () => {
    expect(newerRuleSet(shippedRules, { ...v2, sites: {} })).toBe(shippedRules);
    expect(newerRuleSet(shippedRules, undefined)).toBe(shippedRules);
    expect(newerRuleSet(undefined, v2)).toBe(v2);
    expect(newerRuleSet('x', 42)).toBeUndefined();
  });
});

describe('text templates', () => {
  it('matches case-insensitively with normalised whitespace, keeping accents', () => {
    const t = compileText('Candidature envoyée');
    expect(t.match('  CANDIDATURE\u00a0 envoyée ')).toEqual({});
    expect(t.match('Candidature envoyee')).toBeNull();
  });

  it('captures {company} mid-sentence and drops trailing punctuation', () => {
    expect(compileText('Ihre Bewerbung wurde an {company} gesendet').match('Ihre Bewerbung wurde an Acme GmbH gesendet.')).toEqual({
      company: 'Acme GmbH',
    });
    expect(compileText('Your application was sent to {company}').match('Your application was sent to Acme Robotics!')).toEqual({
      company: 'Acme Robotics',
    });
  });

  it('treats regular-expression metacharacters as literals', () => {
    const t = compileText('CTC (annual) [*] a+b? $1 ^x | .');
    expect(t.match('CTC (annual) [*] a+b? $1 ^x | .')).toEqual({});
    expect(t.match('CTC annual * aab $1 x  ')).toBeNull();
    expect(compileText('.*').match('anything')).toBeNull();
    expect(compileText('.*').match('.*')).toEqual({});
  });

  it('folds French spacing before question marks and curly apostrophes', () => {
    expect(normaliseText('Avez-vous terminé ?  ’ok’')).toBe("Avez-vous terminé? 'ok'");
    expect(compileText('Avez-vous terminé de postuler ?').match('Avez-vous terminé de postuler?')).toEqual({});
  });

  it('finds a template inside a longer text on word boundaries', () => {
    expect(compileText('{n} weeks ago').find('Reposted 2 weeks ago · 40 applicants')).toEqual({ n: 2 });
    expect(compileText('vor {n} Tag').find('vor 2 Tagen')).toBeNull();
  });

  it('never compares texts longer than 300 characters', () => {
    expect(compileText('Applied {when}').match(`Applied ${'x'.repeat(300)}`)).toBeNull();
  });

  it('refuses an invalid template at compile time', () => {
    expect(() => compileText('{oops}')).toThrow(/unknown placeholder \{oops\}/);
  });
});

describe('path templates', () => {
  const digits = { format: 'digits', minLength: 3, maxLength: 20 } as const;

  it.each([
    ['/jobs/view/{id}', '/jobs/view/4012345678/', '4012345678'],
    ['/jobs/view/{slug}-{id}', '/jobs/view/senior-engineer-at-acme-4012345678/', '4012345678'],
    ['/internship/detail/{slug}{id}', '/internship/detail/web-development-internship-in-delhi-at-acme1234567', '1234567'],
    ['/job-listings-{slug}-{id}', '/job-listings-react-developer-acme-bengaluru-3-to-5-years-120125012345', '120125012345'],
  ])('%s matches %s with id %s', (template, path, id) => {
    expect(compilePath(template, digits).match(path)).toEqual({ id });
  });

  it('matches below a path but not a longer sibling, and treats dots literally', () => {
    expect(compilePath('/jobs/search', digits).match('/jobs/search/')).toEqual({});
    expect(compilePath('/jobs/search', digits).match('/jobs/search-results/')).toBeNull();
    expect(compilePath('/a.b', digits).match('/axb')).toBeNull();
  });
});

describe('job ids inside attribute values', () => {
  it('accepts a value template naming the {id}, and refuses one without it', () => {
    const rules = clone();
    rules.sites.linkedin.selectors.jobIdAttributes = [{ selector: '[data-urn]', attribute: 'data-urn', value: 'urn:li:jobPosting:{id}' }];
    expect(parseRuleSet(rules).ok).toBe(true);
    rules.sites.linkedin.selectors.jobIdAttributes = [{ selector: '[data-urn]', attribute: 'data-urn', value: 'urn:li:jobPosting:' }];
    expect(errorsOf(rules)[0]).toMatch(/value templates name the \{id\}/);
  });
});
