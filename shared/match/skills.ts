/**
 * Skills named in free text (a resume or a job description): every taxonomy
 * skill found by its aliases on word stems, and in skills sections also the
 * items the taxonomy does not know, with proficiency labels dropped and
 * compound entries split ("AWS (EC2, S3, Lambda)" is four skills).
 */
import { taxonomy, type CompiledAlias, type Skill, type Taxonomy } from './taxonomy';
import { checkTextSize, evidenceUnits, tokenize, type Token } from './text';

export interface SkillMention {
  readonly name: string;
  /** Taxonomy family, or "other" for a skills-section item the taxonomy does not know. */
  readonly family: string;
  readonly category: string;
  /** The line or sentence it was found in. */
  readonly evidence: string;
  /** Index of that unit in the text's evidence units (the order of appearance). */
  readonly unit: number;
}

interface Hit {
  readonly alias: CompiledAlias;
  readonly start: number;
  readonly end: number;
}

/** Longest alias at each position, on stems; a matched span is consumed so "C++" never also yields "C". */
function scan(tokens: readonly Token[], tax: Taxonomy): Hit[] {
  const hits: Hit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const candidates = tax.byFirstStem.get(tokens[i]!.stem);
    let found: Hit | undefined;
    for (const alias of candidates ?? []) {
      const n = alias.stems.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = tokens[i + k]!.stem === alias.stems[k];
      // "Node.js" must not match inside "Node.jsx"-like runs: the next token may not glue on with a dot.
      if (ok) {
        found = { alias, start: i, end: i + n };
        break;
      }
    }
    if (found) {
      hits.push(found);
      i = found.end;
    } else i++;
  }
  return hits;
}

const WINDOW = 10;

/** An ambiguous name counts only as written ("Go", not "go") and near its context, unless it sits in a skills list. */
function ambiguousAccepted(hit: Hit, tokens: readonly Token[], hits: readonly Hit[], inSkillsList: boolean, tax: Taxonomy): boolean {
  const rule = hit.alias.skill.ambiguity;
  if (!rule) return true;
  const surface = joinSurface(tokens.slice(hit.start, hit.end));
  const caseOk = rule.caseSensitive.some((form) => squash(form) === squash(surface) && sameCase(form, surface));
  if (!caseOk) return false;
  if (inSkillsList || rule.near.length === 0) return true;
  const lo = Math.max(0, hit.start - WINDOW);
  const hi = Math.min(tokens.length, hit.end + WINDOW);
  for (const near of rule.near) {
    const words = tax.contexts.get(near);
    if (words) {
      for (let k = lo; k < hi; k++) if ((k < hit.start || k >= hit.end) && words.has(tokens[k]!.stem)) return true;
    }
    for (const other of hits) {
      if (other === hit || other.alias.skill.ambiguity || other.alias.skill.family !== near) continue;
      if (other.end > lo && other.start < hi) return true;
    }
  }
  return false;
}

function joinSurface(tokens: readonly Token[]): string {
  return tokens.map((t) => t.surface).join(' ');
}
/** Compares forms ignoring spacing and punctuation placement ("Express.js" is tokens "Express . js"). */
function squash(s: string): string {
  return s.replace(/[\s-]+/g, '').toLowerCase();
}
function sameCase(form: string, surface: string): boolean {
  return form.replace(/[\s-]+/g, '') === surface.replace(/[\s-]+/g, '');
}

const SKILLS_HEADING = /^(?:(?:technical|core|key|relevant|professional|hard)\s+)?(?:skills?|technologies|tools(?: and technologies)?|tech stack|competencies|expertise|proficiencies|skills (?:and|&) (?:tools|technologies|abilities))\s*:?\s*/i;
const OTHER_HEADING = /^(?:experience|work experience|professional experience|employment|education|projects|summary|profile|certifications?|languages|awards|publications|interests|references|volunteering|internships?)\s*:?$/i;

const LABEL = /^(?:advanced|expert|proficient|intermediate|beginner|basic|fluent|native|familiar|working knowledge|conversational|strong|excellent|good|\d+\+?\s*(?:years?|yrs?)(?:\s+experience)?)$/i;

/** Top-level items of a skills line, with parenthesised groups split out and proficiency labels dropped. */
export function splitSkillItems(line: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let head = '';
  let inner = '';
  const flush = () => {
    const cleaned = cleanItem(head);
    if (cleaned) items.push(cleaned);
    for (const part of inner.split(/[,;|/]/)) {
      const c = cleanItem(part);
      if (c) items.push(c);
    }
    head = '';
    inner = '';
  };
  for (const ch of line) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) inner += ',';
    } else if (depth > 0) inner += ch;
    else if (/[,;|\u2022\u00b7]/.test(ch)) flush();
    else head += ch;
  }
  flush();
  return items;
}

function cleanItem(raw: string): string | undefined {
  let item = raw
    .trim()
    // "Python - advanced", "Go: intermediate", "SQL – 5 years"
    .replace(/\s*[-:\u2013]\s*(advanced|expert|proficient|intermediate|beginner|basic|fluent|native|familiar|\d+\+?\s*(?:years?|yrs?))\s*$/i, '')
    .replace(/^(?:proficient|experienced|skilled|familiar)\s+(?:in|with)\s+/i, '')
    .replace(/^(?:and|or)\s+/i, '')
    .replace(/[.:]+$/, '')
    .trim();
  if (!item || LABEL.test(item)) return undefined;
  item = item.replace(/\s+/g, ' ');
  return item;
}

/** A skills line: "Skills: …", "Languages: Python, Go", or a list line under a skills heading. */
function skillsListBody(unit: string, underHeading: boolean): string | undefined {
  const m = SKILLS_HEADING.exec(unit);
  if (m && m[0].length < unit.length && /[:\-\u2013]\s*$/.test(m[0].trim()) === false && !unit.slice(0, m[0].length).includes(':')) {
    return underHeading ? stripCategory(unit) : undefined;
  }
  if (m && unit.slice(0, m[0].length).includes(':')) return unit.slice(m[0].length);
  return underHeading ? stripCategory(unit) : undefined;
}

/** "Cloud: AWS (EC2, S3)" → "AWS (EC2, S3)": a short category label before a colon is not a skill. */
function stripCategory(unit: string): string {
  const m = /^([^:]{1,30}):\s*(.+)$/.exec(unit);
  return m && m[1]!.split(/\s+/).length <= 4 ? m[2]! : unit;
}

export interface ExtractOptions {
  readonly taxonomy?: Taxonomy;
  /** Read every line as a list of skills (a job's "Must have:" bullets), so "Go" on its own counts. */
  readonly asList?: boolean;
}

/** Skills in order of first appearance, each once, with the unit that shows it. */
export function extractSkills(text: string, options: ExtractOptions = {}): SkillMention[] {
  checkTextSize(text, 'Text');
  const tax = options.taxonomy ?? taxonomy();
  const found = new Map<string, SkillMention>();
  const add = (skill: Pick<Skill, 'name' | 'family' | 'category'>, evidence: string, unit: number) => {
    if (!found.has(skill.name)) found.set(skill.name, { name: skill.name, family: skill.family, category: skill.category, evidence: evidence.slice(0, 240), unit });
  };
  let underSkillsHeading = false;
  evidenceUnits(text).forEach((unit, index) => {
    if (SKILLS_HEADING.test(unit) && unit.replace(SKILLS_HEADING, '').trim() === '') {
      underSkillsHeading = true;
      return;
    }
    if (OTHER_HEADING.test(unit)) {
      underSkillsHeading = false;
      return;
    }
    const listBody = options.asList ? stripCategory(unit) : skillsListBody(unit, underSkillsHeading);
    // A sentence under a skills heading is prose, read with the context rules like any other.
    if (listBody !== undefined && splitSkillItems(listBody).every(isPlausibleSkill)) {
      for (const item of splitSkillItems(listBody)) {
        const tokens = tokenize(item);
        const hits = scan(tokens, tax).filter((h) => ambiguousAccepted(h, tokens, [], true, tax));
        if (hits.length > 0) for (const h of hits) add(h.alias.skill, unit, index);
        else add({ name: item, family: 'other', category: 'other' }, unit, index);
      }
      return;
    }
    const tokens = tokenize(unit);
    const hits = scan(tokens, tax);
    for (const h of hits) if (ambiguousAccepted(h, tokens, hits, false, tax)) add(h.alias.skill, unit, index);
  });
  return [...found.values()];
}

/** A short name-like item, not a sentence that happens to sit under a skills heading. */
function isPlausibleSkill(item: string): boolean {
  return item.length <= 40 && item.split(/\s+/).length <= 4 && /\p{L}/u.test(item);
}
