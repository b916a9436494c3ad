import { describe, expect, it } from 'vitest';
import data from './taxonomy.json' with { type: 'json' };
import { ancestors, compileTaxonomy, taxonomy } from './taxonomy';
import { extractSkills } from './skills';
import { tokenize } from './text';

const names = (text: string) => extractSkills(text).map((s) => s.name);

describe('skills taxonomy', () => {
  it('is versioned data of several hundred skills across at least 20 occupational families', () => {
    const tax = taxonomy();
    expect(tax.version).toMatch(/^\d{4}\.\d+\.\d+$/);
    expect(tax.skills.size).toBeGreaterThanOrEqual(400);
    const families = new Set([...tax.skills.values()].map((s) => s.family));
    expect(families.size).toBeGreaterThanOrEqual(20);
    for (const family of ['software', 'data', 'design', 'marketing', 'sales', 'finance', 'hr', 'healthcare', 'education', 'legal', 'operations', 'support', 'project', 'engineering', 'hospitality', 'writing', 'security', 'product', 'research', 'trades']) {
      expect(families.has(family), family).toBe(true);
    }
  });

  it('refuses data where a parent names no skill, or two skills read the same alias', () => {
    const base = { version: '0', families: { f: { c: ['A', ['B', 'bee']] } }, ambiguous: {}, contexts: {} };
    expect(() => compileTaxonomy({ ...base, parents: { A: ['Nope'] } })).toThrow(/unknown skill Nope/);
    expect(() => compileTaxonomy({ ...base, families: { f: { c: [['A', 'bees'], ['B', 'bee']] } }, parents: {} })).toThrow(/reads as an alias/);
    expect(data.version).toBe(taxonomy().version);
  });

  it('has no alias that stems to a common word (wink stems "ats" to "at")', () => {
    const common = 'a about after all am an and any are as at be been but by can did do does for from had has have he her his how i if in into is it its me more my no not now of on or our out over so some than that the their them then there these they this to up was we were what when which who will with you your one two new use work make get go lead run set help plan care cost ship post test data team year back top part point place form line case close open base board field';
    const commonStems = new Set(tokenize(common).map((t) => t.stem));
    const clashes = [...taxonomy().byFirstStem.values()].flat().filter((a) => a.stems.length === 1 && commonStems.has(a.stems[0]!) && !a.skill.ambiguity);
    expect(clashes.map((a) => `${a.skill.name}: ${a.alias}`)).toEqual([]);
  });

  it('maps aliases and spellings to one name', () => {
    expect(names('Wrote JS and TS on k8s with Postgres')).toEqual(['JavaScript', 'TypeScript', 'Kubernetes', 'PostgreSQL']);
    expect(names('Optimised slow queries and containerised the services')).toEqual(['Query optimization', 'Containerization']);
    expect(names('C++ and C# developer')).toEqual(['C++', 'C#']);
  });

  it('knows a paraphrase by the broader skill it demonstrates', () => {
    const tax = taxonomy();
    const [dashboards] = names('Built the dashboards the managers steer by');
    expect(dashboards).toBe('Data visualization');
    expect(ancestors(tax, dashboards!).has('Business intelligence')).toBe(true);
    expect(ancestors(tax, 'Helm')).toEqual(new Set(['Helm', 'Kubernetes', 'Container orchestration']));
  });

  describe('ambiguous names count only in their context', () => {
    it.each([
      ['Go', 'Built backend services in Go and Python', 'Ready to go live next week; Go-live was smooth'],
      ['R', 'Statistical modelling in R and SQL', 'Led the R&D budget review'],
      ['C', 'Wrote embedded firmware in C', 'Finished with grade C in chemistry'],
      ['Express', 'REST APIs with Node.js and Express', 'Express delivery of customer orders'],
      ['Spring', 'Java microservices on Spring Boot', 'Ran the Spring 2024 campaign'],
      ['Epic', 'Charted patient care in Epic', 'Split each Epic into user stories for the sprint'],
      ['REST', 'Designed REST APIs for the mobile apps', 'Ensured patients had rest between sessions'],
      ['Excel', 'Built reports in Excel', 'I excel at building relationships'],
    ])('%s', (skill, counted, notCounted) => {
      expect(names(counted)).toContain(skill);
      expect(names(notCounted)).not.toContain(skill);
    });

    it('counts an ambiguous name in a skills list without context words', () => {
      expect(names('Skills: Go, R, C')).toEqual(['Go', 'R', 'C']);
    });
  });
});
