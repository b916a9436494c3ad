import { describe, expect, it } from 'vitest';
import { extractSkills, normaliseSkill, skillsOfItem, splitOutsideBrackets } from './skills';

describe('normaliseSkill', () => {
  it.each([
    ['js', 'JavaScript'],
    ['postgres', 'PostgreSQL'],
    ['k8s', 'Kubernetes'],
    ['Golang', 'Go'],
    ['sklearn', 'scikit-learn'],
    ['node.js', 'Node.js'],
    ['  domain-driven design. ', 'domain-driven design'],
  ])('%s → %s', (raw, display) => expect(normaliseSkill(raw)).toBe(display));
});

describe('splitOutsideBrackets', () => {
  it('keeps bracketed lists together', () => {
    expect(splitOutsideBrackets('AWS (ECS, Lambda), Kafka; Redis')).toEqual(['AWS (ECS, Lambda)', 'Kafka', 'Redis']);
  });
});

describe('extractSkills', () => {
  it('reads labelled groups written as sentences', () => {
    const skills = extractSkills(['Languages: Go, Java, SQL. Infrastructure: k8s, AWS (ECS, Lambda). Practices: code review.']);
    expect(skills).toEqual(['Go', 'Java', 'SQL', 'Kubernetes', 'AWS', 'ECS', 'Lambda', 'Code review']);
  });

  it('reads table rows, skipping the header, category, years and level', () => {
    const skills = extractSkills([
      'Skill area\tTools and technologies\tYears\tLevel',
      'Embedded firmware\tC, C++, FreeRTOS\t7\tExpert',
      'Data\tSQL, Power BI\t6\tAdvanced',
    ]);
    expect(skills).toEqual(['C', 'C++', 'FreeRTOS', 'SQL', 'Power BI']);
  });

  it('reads an OCR-flattened table row', () => {
    expect(extractSkills(['Embedded firmware C, C++, FreeRTOS, Zephyr 7 Expert'])).toEqual(['C', 'C++', 'FreeRTOS', 'Zephyr']);
  });

  it('reads one skill per line and dedupes aliases', () => {
    expect(extractSkills(['• JS', '• JavaScript', '• postgres'])).toEqual(['JavaScript', 'PostgreSQL']);
  });
});

describe('extractSkills on OCR output', () => {
  it('separates the category from the first tool and forgives l/I confusion', () => {
    expect(
      extractSkills([
        'Cloud and IoT AWS loT Core, MQTT, Azure 4 Advanced',
        'Quality and compliance ISO 13485, IEC 62304, FDA 510(k) 3 Intermediate',
      ]),
    ).toEqual(['AWS IoT Core', 'MQTT', 'Azure', 'ISO 13485', 'IEC 62304', 'FDA 510(k)']);
  });
});

describe('extractSkills names skills as the match engine does', () => {
  it('drops proficiency labels in brackets, after dashes and after colons', () => {
    expect(extractSkills(['Python (Advanced), Java (Intermediate), MS Excel – Expert', 'HubSpot - Expert', 'SQL: advanced', 'Go (5 years)'])).toEqual([
      'Python', 'Java', 'Excel', 'HubSpot', 'SQL', 'Go',
    ]);
  });

  it('splits compound entries and keeps a qualifier in brackets out of the name', () => {
    expect(extractSkills(['AWS (EC2, S3, Lambda), Adobe Creative Cloud (Photoshop, Illustrator)', 'GD&T (ASME Y14.5)', 'FDA 510(k)'])).toEqual([
      'AWS', 'EC2', 'S3', 'Lambda', 'Adobe Creative Cloud', 'Adobe Photoshop', 'Adobe Illustrator', 'GD&T', 'FDA 510(k)',
    ]);
  });

  it('joins a list wrapped after a middle dot', () => {
    expect(extractSkills(['Sepsis Six · Cannulation · Wound care ·', 'Tracheostomy care'])).toEqual(['Sepsis Six', 'Cannulation', 'Wound care', 'Tracheostomy care']);
  });
});

describe('skillsOfItem', () => {
  it.each([
    ['CATIA V5', ['CATIA']],
    ['SEO / SEM', ['SEO', 'SEM']],
    ['SAP FICO', ['SAP FICO']],
    ['Engine diagnostics', ['Engine diagnostics']],
    ['k8s', ['Kubernetes']],
    ['ANSYS Mechanical', ['ANSYS Mechanical']],
    ['Git & GitHub', ['Git', 'GitHub']],
  ])('%s → %j', (item, names) => expect(skillsOfItem(item)).toEqual(names));
});
