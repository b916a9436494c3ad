import type { GenericRules } from '../rules/schema';
import { queryAll, spaced } from './dom';

/**
 * schema.org JobPosting from a page's JSON-LD. Pages are untrusted: scripts
 * over the size limit or nested too deeply are skipped before parsing,
 * invalid JSON is ignored, and the search visits a bounded number of nodes.
 */

export interface JobPostingFields {
  title?: string;
  company?: string;
  location?: string;
  description?: string;
  salary?: string;
  employmentType?: string;
  postedAt?: string;
  identifier?: string;
  url?: string;
}

const MAX_NODES = 5_000;
const DESCRIPTION_MAX = 50_000;

/** Bracket depth of a JSON text, counted outside strings; stops as soon as it exceeds `limit`. */
function nestingExceeds(json: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (++depth > limit) return true;
    } else if (ch === '}' || ch === ']') depth--;
  }
  return false;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(node: JsonObject, types: readonly string[]): boolean {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.some((t) => typeof t === 'string' && types.some((wanted) => t === wanted || t.endsWith(`/${wanted}`)));
}

/** Breadth-first over top-level values, arrays, `@graph` and `mainEntity`: where sites put postings. */
function findPostingNode(root: Json, types: readonly string[], maxDepth: number): JsonObject | undefined {
  let level: Json[] = [root];
  let visited = 0;
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    const next: Json[] = [];
    for (const node of level) {
      if (++visited > MAX_NODES) return undefined;
      if (Array.isArray(node)) next.push(...node);
      else if (isObject(node)) {
        if (hasType(node, types)) return node;
        for (const key of ['@graph', 'mainEntity', 'itemListElement', 'item']) {
          const child = node[key];
          if (child !== undefined) next.push(child);
        }
      }
    }
    level = next;
  }
  return undefined;
}

function str(value: Json | undefined, max = 300): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = spaced(decodeEntities(value)).slice(0, max);
  return text || undefined;
}

function first(value: Json | undefined): Json | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Description HTML to plain text with line breaks, without a DOM (and so without loading anything). */
export function htmlToText(html: string, max = DESCRIPTION_MAX): string {
  // Some sites entity-encode the HTML inside JSON-LD ("&lt;p&gt;"): decode once to get markup.
  const markup = !html.includes('<') && /&lt;\/?[a-z]/i.test(html) ? decodeEntities(html.slice(0, max * 3)) : html;
  return decodeEntities(
    markup
      .slice(0, max * 2)
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<li[^>]*>/gi, '\n• ')
      .replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/ul|\/ol|p|div|h[1-6]|ul|ol)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
    .slice(0, max);
}

function companyOf(value: Json | undefined): string | undefined {
  const org = first(value);
  if (isObject(org)) return str(org['name'], 200);
  return str(org, 200);
}

function placeOf(value: Json | undefined): string | undefined {
  if (!isObject(value)) return str(value, 200);
  const address = value['address'];
  if (!isObject(address)) return str(address, 200) ?? str(value['name'], 200);
  const country = address['addressCountry'];
  const parts = [
    str(address['addressLocality']),
    str(address['addressRegion']),
    isObject(country) ? str(country['name']) : str(country),
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? [...new Set(parts)].join(', ') : undefined;
}

function locationOf(posting: JsonObject): string | undefined {
  const raw = posting['jobLocation'];
  const places = (Array.isArray(raw) ? raw.slice(0, 10) : [raw]).map(placeOf).filter((p): p is string => Boolean(p));
  const remote = str(posting['jobLocationType']) === 'TELECOMMUTE' ? ['Remote'] : [];
  const all = [...places, ...remote];
  return all.length > 0 ? all.join('; ').slice(0, 200) : undefined;
}

const EMPLOYMENT_TYPES: Record<string, string> = {
  FULL_TIME: 'Full-time',
  PART_TIME: 'Part-time',
  CONTRACTOR: 'Contract',
  TEMPORARY: 'Temporary',
  INTERN: 'Internship',
  VOLUNTEER: 'Volunteer',
  PER_DIEM: 'Per diem',
  OTHER: 'Other',
};

function employmentTypeOf(value: Json | undefined): string | undefined {
  const list = (Array.isArray(value) ? value.slice(0, 5) : [value])
    .map((v) => str(v, 50))
    .filter((v): v is string => Boolean(v))
    .map((v) => EMPLOYMENT_TYPES[v.toUpperCase().replace(/[\s-]/g, '_')] ?? v);
  return list.length > 0 ? list.join(', ').slice(0, 50) : undefined;
}

function amount(value: Json | undefined): string | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(/,/g, '')) : NaN;
  return Number.isFinite(n) ? new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n) : undefined;
}

/** `baseSalary` as text: "USD 120,000–150,000 per year". */
function salaryOf(value: Json | undefined): string | undefined {
  const salary = first(value);
  if (!isObject(salary)) return amount(salary) ?? str(salary, 200);
  const currency = str(salary['currency'], 10);
  const inner = salary['value'];
  let range: string | undefined;
  let unit = str(salary['unitText'], 20);
  if (isObject(inner)) {
    const min = amount(inner['minValue']);
    const max = amount(inner['maxValue']);
    const single = amount(inner['value']);
    range = min && max && min !== max ? `${min}–${max}` : (min ?? max ?? single);
    unit = str(inner['unitText'], 20) ?? unit;
  } else {
    range = amount(inner);
  }
  if (!range) return undefined;
  return [currency, range, unit ? `per ${unit.toLowerCase()}` : undefined].filter(Boolean).join(' ').slice(0, 200);
}

function dateOf(value: Json | undefined): string | undefined {
  const text = str(value, 40);
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

function identifierOf(value: Json | undefined): string | undefined {
  const id = first(value);
  const raw = isObject(id) ? str(id['value'], 64) : str(id, 64);
  return raw && /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : undefined;
}

function urlOf(value: Json | undefined): string | undefined {
  const text = str(value, 2048);
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function postingFields(posting: JsonObject): JobPostingFields {
  const description = posting['description'];
  const fields: JobPostingFields = {
    title: str(posting['title']) ?? str(posting['name']),
    company: companyOf(posting['hiringOrganization']),
    location: locationOf(posting),
    description: typeof description === 'string' ? htmlToText(description) || undefined : undefined,
    salary: salaryOf(posting['baseSalary']) ?? salaryOf(posting['estimatedSalary']),
    employmentType: employmentTypeOf(posting['employmentType']),
    postedAt: dateOf(posting['datePosted']),
    identifier: identifierOf(posting['identifier']),
    url: urlOf(posting['url']),
  };
  for (const key of Object.keys(fields) as (keyof JobPostingFields)[]) {
    if (fields[key] === undefined) delete fields[key];
  }
  return fields;
}

/** The first JobPosting in the page's JSON-LD, as plain fields; null when there is none. */
export function findJobPosting(doc: ParentNode, rules: GenericRules): JobPostingFields | null {
  let scripts = 0;
  for (const selector of rules.jsonLd) {
    for (const script of queryAll(doc, selector, rules.maxScripts)) {
      if (++scripts > rules.maxScripts) return null;
      const text = script.textContent ?? '';
      if (text.length > rules.maxScriptChars || nestingExceeds(text, rules.maxDepth * 4)) continue;
      let data: Json;
      try {
        data = JSON.parse(text) as Json;
      } catch {
        continue;
      }
      const posting = findPostingNode(data, rules.jobPostingTypes, rules.maxDepth);
      if (posting) return postingFields(posting);
    }
  }
  return null;
}
