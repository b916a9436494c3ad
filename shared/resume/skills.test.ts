import { describe, expect, it } from 'vitest';
import { extractSkills, normaliseSkill, splitOutsideBrackets } from './skills';

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
    expect(skills).toEqual(['Go', 'Java', 'SQL', 'Kubernetes', 'AWS', 'ECS', 'Lambda', 'code review']);
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
