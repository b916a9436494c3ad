/**
 * The skills taxonomy, compiled once from its data (taxonomy.json) into the
 * lookups extraction needs. The data is versioned apart from the code, so a
 * stored match can say which skill list produced it.
 */
import data from './taxonomy.json' with { type: 'json' };
import { tokenize } from './text';

export interface AmbiguityRule {
  /** Surface forms accepted, compared case-sensitively ("Go", not "go"). */
  readonly caseSensitive: readonly string[];
  /** Context-word lists (keys of `contexts`) or families whose skills must appear nearby; empty: case alone decides. */
  readonly near: readonly string[];
}

export interface Skill {
  readonly name: string;
  readonly family: string;
  readonly category: string;
  readonly aliases: readonly string[];
  readonly parents: readonly string[];
  readonly ambiguity?: AmbiguityRule;
}

export interface CompiledAlias {
  readonly skill: Skill;
  readonly alias: string;
  readonly stems: readonly string[];
}

export interface Taxonomy {
  readonly version: string;
  readonly skills: ReadonlyMap<string, Skill>;
  /** Aliases by their first stem, longest first, so the longest alias wins ("C++" before "C"). */
  readonly byFirstStem: ReadonlyMap<string, readonly CompiledAlias[]>;
  readonly contexts: ReadonlyMap<string, ReadonlySet<string>>;
  /** Lower-cased alias → skill, for skills-section items looked up whole. */
  readonly byAlias: ReadonlyMap<string, Skill>;
}

type Entry = string | string[];
interface TaxonomyData {
  version: string;
  families: Record<string, Record<string, Entry[]>>;
  parents: Record<string, string[]>;
  ambiguous: Record<string, AmbiguityRule>;
  contexts: Record<string, string[]>;
}

export function compileTaxonomy(raw: TaxonomyData): Taxonomy {
  const skills = new Map<string, Skill>();
  for (const [family, categories] of Object.entries(raw.families)) {
    for (const [category, entries] of Object.entries(categories)) {
      for (const entry of entries) {
        const [name, ...aliases] = typeof entry === 'string' ? [entry] : entry;
        if (!name) throw new Error(`taxonomy: empty entry in ${family}/${category}`);
        if (skills.has(name)) throw new Error(`taxonomy: ${name} listed twice`);
        const ambiguity = raw.ambiguous[name];
        skills.set(name, {
          name,
          family,
          category,
          aliases: [name, ...aliases],
          parents: raw.parents[name] ?? [],
          ...(ambiguity ? { ambiguity } : {}),
        });
      }
    }
  }
  for (const [child, parents] of Object.entries(raw.parents)) {
    for (const p of [child, ...parents]) if (!skills.has(p)) throw new Error(`taxonomy: parents names unknown skill ${p}`);
  }
  for (const name of Object.keys(raw.ambiguous)) if (!skills.has(name)) throw new Error(`taxonomy: ambiguous names unknown skill ${name}`);

  const byFirstStem = new Map<string, CompiledAlias[]>();
  const byAlias = new Map<string, Skill>();
  const owner = new Map<string, string>();
  for (const skill of skills.values()) {
    for (const alias of skill.aliases) {
      byAlias.set(alias.toLowerCase(), skill);
      const stems = tokenize(alias).map((t) => t.stem);
      // Two skills with the same stemmed alias would make extraction depend on listing order.
      const key = stems.join(' ');
      const prior = owner.get(key);
      if (prior !== undefined && prior !== skill.name) throw new Error(`taxonomy: "${alias}" of ${skill.name} reads as an alias of ${prior}`);
      owner.set(key, skill.name);
      const first = stems[0];
      if (!first) continue;
      const list = byFirstStem.get(first) ?? [];
      list.push({ skill, alias, stems });
      byFirstStem.set(first, list);
    }
  }
  for (const list of byFirstStem.values()) list.sort((a, b) => b.stems.length - a.stems.length || a.alias.localeCompare(b.alias));

  const contexts = new Map<string, ReadonlySet<string>>();
  for (const [name, words] of Object.entries(raw.contexts)) contexts.set(name, new Set(words.flatMap((w) => tokenize(w).map((t) => t.stem))));
  return { version: raw.version, skills, byFirstStem, contexts, byAlias };
}

let compiled: Taxonomy | undefined;
/** The shipped taxonomy, compiled on first use. */
export function taxonomy(): Taxonomy {
  compiled ??= compileTaxonomy(data as unknown as TaxonomyData);
  return compiled;
}

const ancestorCache = new WeakMap<Taxonomy, Map<string, ReadonlySet<string>>>();

/** Every skill a skill demonstrates: itself and its parents, transitively (cached: matching asks often). */
export function ancestors(tax: Taxonomy, name: string): ReadonlySet<string> {
  let cache = ancestorCache.get(tax);
  if (!cache) ancestorCache.set(tax, (cache = new Map()));
  let found = cache.get(name);
  if (!found) cache.set(name, (found = walkAncestors(tax, name)));
  return found;
}

function walkAncestors(tax: Taxonomy, name: string): Set<string> {
  const seen = new Set<string>();
  const walk = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const p of tax.skills.get(n)?.parents ?? []) walk(p);
  };
  walk(name);
  return seen;
}
