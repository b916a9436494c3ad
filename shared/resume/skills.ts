import { extractSkills as skillMentions } from '../match/skills';
import { taxonomy } from '../match/taxonomy';

/**
 * Skills sections read into skills. The layout (lists, "Category: a, b"
 * groups, tables, OCR-flattened table rows, wrapped lines) is read here; what
 * each item names is decided by the match engine's taxonomy, so the resume
 * shows the skills matching sees. Proficiency labels are dropped and compound
 * entries ("AWS (EC2, S3, Lambda)") split.
 *
 * The dictionary below only tidies the spelling of items the taxonomy does not
 * know as a whole ("AWS loT Core" read by OCR is "AWS IoT Core") and finds
 * where a flattened table row's category ends.
 */
const CANONICAL: readonly (readonly [display: string, ...aliases: string[]])[] = [
  ['JavaScript', 'js', 'javascript', 'java script', 'ecmascript', 'es6'],
  ['TypeScript', 'ts', 'typescript'],
  ['Python', 'python', 'python3', 'py'],
  ['Java', 'java'],
  ['Kotlin', 'kotlin'],
  ['Go', 'go', 'golang'],
  ['Rust', 'rust'],
  ['C', 'c'],
  ['C++', 'c++', 'cpp'],
  ['C#', 'c#', 'csharp', 'c sharp'],
  ['Ruby', 'ruby'],
  ['PHP', 'php'],
  ['Swift', 'swift'],
  ['Scala', 'scala'],
  ['R', 'r'],
  ['SQL', 'sql'],
  ['Bash', 'bash', 'shell', 'shell scripting'],
  ['HTML', 'html', 'html5'],
  ['CSS', 'css', 'css3'],
  ['React', 'react', 'reactjs', 'react.js'],
  ['Angular', 'angular', 'angularjs'],
  ['Vue.js', 'vue', 'vuejs', 'vue.js'],
  ['Node.js', 'node', 'nodejs', 'node.js', 'node js'],
  ['Express', 'express', 'expressjs', 'express.js'],
  ['Django', 'django'],
  ['Flask', 'flask'],
  ['Spring', 'spring', 'spring boot', 'springboot'],
  ['.NET', '.net', 'dotnet', 'dot net'],
  ['PostgreSQL', 'postgres', 'postgresql', 'psql', 'pg'],
  ['MySQL', 'mysql'],
  ['SQLite', 'sqlite'],
  ['MongoDB', 'mongo', 'mongodb'],
  ['Redis', 'redis'],
  ['Elasticsearch', 'elasticsearch', 'elastic search', 'es'],
  ['Kafka', 'kafka', 'apache kafka'],
  ['Spark', 'spark', 'apache spark', 'pyspark'],
  ['Airflow', 'airflow', 'apache airflow'],
  ['dbt', 'dbt'],
  ['Kubernetes', 'k8s', 'kubernetes', 'kube'],
  ['Docker', 'docker'],
  ['Terraform', 'terraform', 'tf'],
  ['Ansible', 'ansible'],
  ['AWS', 'aws', 'amazon web services'],
  ['Azure', 'azure', 'microsoft azure', 'ms azure'],
  ['Google Cloud', 'gcp', 'google cloud', 'google cloud platform'],
  ['Linux', 'linux'],
  ['Git', 'git'],
  ['GitHub Actions', 'github actions'],
  ['CI/CD', 'ci/cd', 'cicd', 'ci cd'],
  ['GraphQL', 'graphql'],
  ['REST', 'rest', 'restful', 'rest api', 'rest apis'],
  ['gRPC', 'grpc'],
  ['PyTorch', 'pytorch', 'torch'],
  ['TensorFlow', 'tensorflow', 'tf2'],
  ['scikit-learn', 'scikit-learn', 'sklearn', 'scikit learn'],
  ['pandas', 'pandas'],
  ['NumPy', 'numpy'],
  ['Machine Learning', 'ml', 'machine learning'],
  ['Tableau', 'tableau'],
  ['Looker', 'looker'],
  ['Power BI', 'power bi', 'powerbi'],
  ['Excel', 'excel', 'ms excel', 'microsoft excel'],
  ['Excel VBA', 'excel vba', 'vba'],
  ['Jira', 'jira'],
  ['Confluence', 'confluence'],
  ['Smartsheet', 'smartsheet'],
  ['MS Project', 'ms project', 'microsoft project'],
  ['FreeRTOS', 'freertos'],
  ['Zephyr', 'zephyr', 'zephyr rtos'],
  ['MQTT', 'mqtt'],
  ['AWS IoT Core', 'aws iot core', 'aws iot'],
  ['Figma', 'figma'],
  ['Lambda', 'lambda', 'aws lambda'],
  ['ECS', 'ecs', 'aws ecs'],
  ['Aurora', 'aurora', 'aws aurora'],
];

const ALIASES = new Map<string, string>();
/** The same names with the letters OCR confuses folded together ("AWS loT Core" is "AWS IoT Core"). */
const OCR_ALIASES = new Map<string, string>();
const ocrFold = (k: string) => k.replace(/[l1|]/g, 'i').replace(/0/g, 'o');
for (const [display, ...aliases] of CANONICAL) {
  for (const alias of [display.toLowerCase(), ...aliases]) {
    ALIASES.set(alias, display);
    // Folding short names would make different ones collide.
    if (alias.length >= 4 && !OCR_ALIASES.has(ocrFold(alias))) OCR_ALIASES.set(ocrFold(alias), display);
  }
}

function key(raw: string): string {
  return raw.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The display name of a known skill, or undefined. */
export function knownSkill(raw: string): string | undefined {
  const k = key(raw);
  return ALIASES.get(k) ?? OCR_ALIASES.get(ocrFold(k));
}

/** A skill's display name: the dictionary's, or the written form tidied. */
export function normaliseSkill(raw: string): string {
  const tidy = raw.replace(/\s+/g, ' ').replace(/^[\s•·*,;:.-]+|[\s•·*,;:]+$/g, '').replace(/\.$/, '');
  return knownSkill(tidy) ?? tidy;
}

/** Splits on commas that are not inside brackets: "AWS (ECS, Lambda), Kafka" → ["AWS (ECS, Lambda)", "Kafka"]. */
export function splitOutsideBrackets(text: string, separators = /[,;|•·\t]/): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    if ((ch === ')' || ch === ']') && depth > 0) depth--;
    if (depth === 0 && separators.test(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const LEVEL = /\b(?:expert|advanced|intermediate|beginner|basic|proficient|familiar|novice|native|fluent)\b/i;
const HEADER_CELL = /^(?:skills?(?: area)?|category|tools?(?: and technologies)?|technolog(?:y|ies)|years?|level|proficiency|experience)$/i;

/**
 * Skills from the lines of a skills section: lists with commas, bullets or
 * tabs, "Category: a, b" groups, and table rows (category, tools, years, level).
 */
export function extractSkills(lines: readonly string[]): string[] {
  const found: string[] = [];
  const add = (raw: string) => {
    const item = withoutLevel(raw.replace(/\s+/g, ' ').replace(/^[\s•·*,;:.-]+|[\s•·*,;:]+$/g, '').replace(/\.$/, ''));
    if (item.length < 1 || item.length > 60 || /^\d+$/.test(item) || LEVEL.test(item) && item.split(' ').length <= 2) return;
    for (const name of skillsOfItem(item)) if (!found.some((f) => f.toLowerCase() === name.toLowerCase())) found.push(name);
  };

  for (const line of joinWrapped(lines)) {
    let cells = line.split('\t').map((c) => c.trim()).filter(Boolean);
    if (cells.length > 1) {
      if (cells.every((c) => HEADER_CELL.test(c))) continue;
      // A table row: the first cell names the category when other cells hold the tools.
      cells = cells.filter((c) => !/^\d+(?:\+)?(?: years?)?$/i.test(c) && !(LEVEL.test(c) && c.split(' ').length <= 2));
      if (cells.length > 1 && !cells[0]!.includes(',') && !knownSkill(cells[0]!)) cells = cells.slice(1);
      for (const cell of cells) for (const part of splitOutsideBrackets(cell)) addWithBrackets(part, add);
      continue;
    }
    // "Languages: Go, Java. Infrastructure: Kubernetes" — sentences of labelled groups.
    const groups = line.split(/\.\s+(?=[A-Z][\w &/-]{0,30}:)/);
    for (let group of groups) {
      // "Cloud: AWS, GCP" names a category; "SQL: advanced" a skill and its level.
      const labelled = /^([A-Z][\w &/-]{0,30}):\s*(.*)$/.exec(group);
      if (labelled) group = isLevel(labelled[2]!) ? labelled[1]! : labelled[2]!;
      // OCR of a table row: "Embedded firmware C, C++, FreeRTOS, Zephyr 7 Expert".
      const levelSuffix = new RegExp(`\\s+\\d+\\+?\\s+${LEVEL.source}\\s*$`, 'i');
      const tableRow = levelSuffix.test(group);
      group = group.replace(levelSuffix, '');
      const parts = splitOutsideBrackets(group);
      parts.forEach((part, i) => {
        const firstTool = i === 0 && parts.length > 1 && !knownSkill(part) ? withoutCategory(part, tableRow) : undefined;
        addWithBrackets(firstTool ?? part, add);
      });
    }
  }
  return found;
}

/**
 * The first piece of a flattened table row carries the row's category before
 * the first tool ("Cloud and IoT AWS IoT Core"): keep the longest known skill
 * at its end, or, in a table row, what follows the lower-case category words.
 */
function withoutCategory(piece: string, tableRow: boolean): string | undefined {
  const words = piece.split(' ');
  for (let k = Math.min(4, words.length - 1); k >= 1; k--) {
    const tail = words.slice(-k).join(' ');
    if (knownSkill(tail)) return tail;
  }
  if (tableRow) {
    const j = words.findIndex((w, i) => i > 0 && /^\p{Ll}/u.test(words[i - 1]!) && /^[\p{Lu}\d]/u.test(w));
    if (j > 0) return words.slice(j).join(' ');
  }
  return undefined;
}

/** A list wrapped over lines ("…, AWS (ECS, Lambda," / "Aurora), Kafka") is one line again. */
function joinWrapped(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    const open = prev === undefined ? 0 : (prev.match(/\(/g)?.length ?? 0) - (prev.match(/\)/g)?.length ?? 0);
    if (prev !== undefined && !line.includes('\t') && !prev.includes('\t') && (open > 0 || /[,;·•|]$/.test(prev))) out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out;
}

/**
 * "AWS (ECS, Lambda, Aurora)" counts as AWS plus each service named in the
 * brackets; "Python (Advanced)" is Python; "FDA 510(k)" stays whole.
 */
function addWithBrackets(part: string, add: (raw: string) => void): void {
  const m = /^([^()]+?)\s*\(([^()]+)\)\s*$/.exec(part);
  if (!m) return add(part);
  const [, head, inner] = m as unknown as [string, string, string];
  if (isLevel(inner.trim())) add(head);
  else if (/[,;/]/.test(inner)) {
    add(head);
    for (const piece of inner.split(/[,;/]/)) add(piece);
  } else add(part);
}

const LEVEL_WORDS = 'expert|advanced|intermediate|beginner|basic|proficient|familiar|novice|native|fluent|conversational|working knowledge|good|excellent|strong';
const LEVEL_LABEL = new RegExp(`^(?:${LEVEL_WORDS}|\\d+\\+?\\s*(?:years?|yrs?)(?:\\s+(?:of\\s+)?experience)?)$`, 'i');

function isLevel(text: string): boolean {
  return LEVEL_LABEL.test(text.trim());
}

/** "HubSpot – Expert", "SQL: advanced", "Java - 5 years" → the skill alone. */
function withoutLevel(item: string): string {
  const m = /^(.+?)\s*[-–—:]\s*([^-–—:]+)$/.exec(item);
  return m && isLevel(m[2]!) ? m[1]!.trim() : item;
}

/**
 * The skills one item names, as the match engine's taxonomy calls them: the
 * skill itself when the item is one of its names (or one with a version,
 * "CATIA V5", or a qualifier in brackets, "GD&T (ASME Y14.5)"); every skill
 * in it when it joins several ("SEO / SEM"); otherwise the item as written,
 * tidied, since "SAP FICO" or "Engine diagnostics" is more than the one
 * taxonomy skill inside it. A sentence keeps only the skills found in it.
 */
export function skillsOfItem(item: string): string[] {
  const tax = taxonomy();
  const whole = (text: string) => tax.byAlias.get(text.trim().toLowerCase())?.name;
  const direct = whole(item) ?? whole(item.replace(/\s+(?:v?\d+(?:\.\d+)*|\d{4})$/i, '')) ?? whole(item.replace(/\s*\([^()]*\)$/, ''));
  if (direct) return [direct];
  const hits = skillMentions(item, { asList: true }).filter((m) => m.family !== 'other').map((m) => m.name);
  // Several skills joined ("SEO / SEM", "Git & GitHub") are each; a name that contains two ("ANSYS Mechanical") is one.
  if (hits.length >= 2 && /\s(?:\/|&|\+|and)\s|\S\/\S/i.test(item)) return hits;
  const nameLike = item.length <= 40 && item.split(/\s+/).length <= 5 && /\p{L}/u.test(item);
  return nameLike ? [normaliseSkill(item)] : hits;
}
