/**
 * The rule set's tiny template languages. Rules may come from a server, so
 * they are never regular expressions: texts and URL paths are literals with a
 * few named placeholders, and this module is the only place that turns them
 * into RegExps — every literal escaped, every placeholder a bounded class.
 */

/** Placeholders a text template may use, and what each captures. */
const TEXT_PLACEHOLDERS = {
  company: '(.{1,200}?)', // a company name inside a sentence
  n: '(\\d{1,4})', // a count ("3 minutes")
  when: '(.{1,60}?)', // a relative time, parsed separately ("3 minutes ago")
} as const;
export type TextPlaceholder = keyof typeof TEXT_PLACEHOLDERS;

/** Placeholders a URL path template may use. `{id}` is shaped by the site's job id format. */
const PATH_PLACEHOLDERS = ['id', 'slug'] as const;
export type PathPlaceholder = (typeof PATH_PLACEHOLDERS)[number];

export const TEMPLATE_LIMITS = {
  /** Placeholders per template: two lazy groups over ≤300 chars stays cheap. */
  placeholders: 2,
  /** Page texts longer than this are never compared (templates are short sentences). */
  textLength: 300,
} as const;

const PLACEHOLDER = /\{([^{}]*)\}/g;

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Whitespace and typography folded so rule texts need not track the page's
 * exact spacing: NBSP / narrow NBSP become spaces, runs collapse, curly
 * apostrophes straighten, and the space French puts before ?!:; is dropped.
 * Case is handled by the RegExp flag; accents are kept (é ≠ e).
 */
export function normaliseText(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/ ([?!:;»])/g, '$1')
    .replace(/« /g, '«')
    .trim();
}

/** Problems with a template, or [] when it is valid. Used by the rule-set schema. */
export function templateProblems(template: string, allowed: readonly string[]): string[] {
  const problems: string[] = [];
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  for (const name of names) {
    if (!allowed.includes(name)) problems.push(`unknown placeholder {${name}} (allowed: ${allowed.map((a) => `{${a}}`).join(', ')})`);
  }
  if (names.length > TEMPLATE_LIMITS.placeholders) problems.push(`at most ${TEMPLATE_LIMITS.placeholders} placeholders`);
  if (new Set(names).size !== names.length) problems.push('a placeholder appears twice');
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) problems.push('unbalanced { or }');
  return problems;
}

export const TEXT_PLACEHOLDER_NAMES = Object.keys(TEXT_PLACEHOLDERS) as TextPlaceholder[];
export const PATH_PLACEHOLDER_NAMES: readonly PathPlaceholder[] = PATH_PLACEHOLDERS;

export interface TextMatch {
  company?: string;
  n?: number;
  when?: string;
}

export interface CompiledText {
  readonly template: string;
  /** Whole-text match (after normalisation), with the placeholders' captures. */
  match(text: string): TextMatch | null;
  /** The template anywhere in the text, on word boundaries ("Reposted 2 weeks ago" finds "{n} weeks ago"). */
  find(text: string): TextMatch | null;
}

function compileWith(
  template: string,
  placeholder: (name: string) => string,
  literal: (text: string) => string,
): { source: string; names: string[] } {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    source += literal(template.slice(last, m.index));
    const name = m[1] ?? '';
    names.push(name);
    source += placeholder(name);
    last = m.index + m[0].length;
  }
  source += literal(template.slice(last));
  return { source, names };
}

const textCache = new Map<string, CompiledText>();
const CACHE_LIMIT = 1_000;

/**
 * Compiles a text template such as "Your application was sent to {company}".
 * Matching is case-insensitive, whole-text, and tolerates trailing . ! …
 * Throws on an invalid template; rule sets are validated before use, so only
 * a programming error reaches that.
 */
export function compileText(template: string): CompiledText {
  const cached = textCache.get(template);
  if (cached) return cached;
  const problems = templateProblems(template, TEXT_PLACEHOLDER_NAMES);
  if (problems.length > 0) throw new Error(`Invalid text template "${template}": ${problems.join('; ')}`);
  const normalised = normaliseText(template);
  const { source, names } = compileWith(
    normalised,
    (name) => TEXT_PLACEHOLDERS[name as TextPlaceholder],
    escapeRegExp,
  );
  const whole = new RegExp(`^${source}\\s*[.!…]*$`, 'iu');
  const anywhere = new RegExp(`(?:^|[\\s(·,])${source}(?=$|[\\s.,;:!?)·])`, 'iu');
  const run = (re: RegExp, text: string): TextMatch | null => {
    const input = normaliseText(text);
    if (!input || input.length > TEMPLATE_LIMITS.textLength) return null;
    const m = re.exec(input);
    if (!m) return null;
    const result: TextMatch = {};
    names.forEach((name, i) => {
      const value = m[i + 1]?.trim();
      if (!value) return;
      if (name === 'n') result.n = Number(value);
      else if (name === 'company') result.company = value;
      else if (name === 'when') result.when = value;
    });
    return result;
  };
  const compiled: CompiledText = {
    template,
    match: (text) => run(whole, text),
    find: (text) => run(anywhere, text),
  };
  if (textCache.size >= CACHE_LIMIT) textCache.clear();
  textCache.set(template, compiled);
  return compiled;
}

/** The first template in `templates` that matches `text`, with its captures. */
export function matchAnyText(templates: readonly string[], text: string): TextMatch | null {
  for (const template of templates) {
    const m = compileText(template).match(text);
    if (m) return m;
  }
  return null;
}

export interface JobIdFormat {
  format: 'digits' | 'alnum';
  minLength: number;
  maxLength: number;
}

export function idPattern(format: JobIdFormat): string {
  const chars = format.format === 'digits' ? '\\d' : '[A-Za-z0-9]';
  return `${chars}{${format.minLength},${format.maxLength}}`;
}

export function isJobId(value: string, format: JobIdFormat): boolean {
  return new RegExp(`^${idPattern(format)}$`).test(value);
}

export interface CompiledPath {
  readonly template: string;
  /** Matches a pathname at the template's start, up to a "/" or the end; returns the `{id}` capture. */
  match(pathname: string): { id?: string } | null;
}

const pathCache = new Map<string, CompiledPath>();

/**
 * Compiles a path template such as "/jobs/view/{slug}-{id}". `{slug}` is any
 * run of non-slash characters (as short as possible, so `{slug}{id}` gives the
 * id every trailing digit); `{id}` follows the site's job id format. A template
 * matches the path and anything below it: "/jobs/search" matches
 * "/jobs/search/" but not "/jobs/search-results".
 */
export function compilePath(template: string, format: JobIdFormat): CompiledPath {
  const key = `${format.format}:${format.minLength}:${format.maxLength}:${template}`;
  const cached = pathCache.get(key);
  if (cached) return cached;
  const problems = templateProblems(template, PATH_PLACEHOLDER_NAMES);
  if (problems.length > 0) throw new Error(`Invalid path template "${template}": ${problems.join('; ')}`);
  const trimmed = template.length > 1 ? template.replace(/\/+$/, '') : template;
  const { source, names } = compileWith(
    trimmed,
    (name) => (name === 'id' ? `(${idPattern(format)})` : '[^/]{0,300}?'),
    escapeRegExp,
  );
  const re = new RegExp(trimmed === '/' ? '^/$' : `^${source}(?:/.*)?$`, 'i');
  const idIndex = names.filter((n) => n === 'id').length > 0 ? 1 : 0;
  const compiled: CompiledPath = {
    template,
    match(pathname) {
      if (pathname.length > 2_048) return null;
      const m = re.exec(pathname);
      if (!m) return null;
      const id = idIndex ? m[idIndex] : undefined;
      return id ? { id } : {};
    },
  };
  if (pathCache.size >= CACHE_LIMIT) pathCache.clear();
  pathCache.set(key, compiled);
  return compiled;
}

/** Whether any template matches the pathname. */
export function matchesAnyPath(templates: readonly string[], pathname: string, format: JobIdFormat): boolean {
  return templates.some((t) => compilePath(t, format).match(pathname) !== null);
}
