/**
 * Schema issues as messages a person can act on, keyed by the field they
 * belong to (`title`, `contacts.2.email`), so a form can show each next to
 * its input. zod's own messages ("Too small: expected string to have >=1
 * characters") name the type, not the field, and read as a program error.
 */

/** The parts of a zod issue the messages use; zod's issues satisfy it. */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

export type FieldErrors = Record<string, string>;

/** What the job's own fields are called on screen; the details form uses the same names. */
export const JOB_FIELD_LABELS = {
  title: 'Title',
  company: 'Company',
  location: 'Location',
  url: 'Posting link',
  platform: 'Platform',
  status: 'Status',
  salary: 'Salary',
  employmentType: 'Employment type',
  duration: 'Duration',
  startDate: 'Start date',
  appliedAt: 'Applied date',
  followUpAt: 'Follow-up date',
  description: 'Description',
} as const;

const LABELS: Record<string, string> = {
  ...JOB_FIELD_LABELS,
  notes: 'Notes',
  contacts: 'Contacts',
  interviews: 'Interviews',
  tags: 'Tags',
  statusHistory: 'Status changes',
  text: 'Note',
  name: 'Name',
  role: 'Role',
  email: 'Email',
  at: 'Date',
  label: 'Label',
};

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** A field's name where it differs inside a list: a contact's `url` is their profile, not the posting. */
const NESTED_LABELS: Record<string, string> = {
  'contacts.url': 'Link',
  'interviews.label': 'Label',
  'interviews.at': 'Date and time',
};

export type Labels = Readonly<Record<string, string>>;

/**
 * The label of the innermost named segment: `contacts.2.email` → "Email",
 * `tags.3` → "Tags". `labels` names fields for a form that validates one
 * entry on its own (its paths have no list segment to go by).
 */
export function fieldLabel(path: readonly PropertyKey[], labels: Labels = {}): string {
  const names = path.filter((segment): segment is string => typeof segment === 'string');
  const field = names.at(-1);
  if (field === undefined) return 'This value';
  const parent = names.at(-2);
  return labels[field] ?? (parent !== undefined ? NESTED_LABELS[`${parent}.${field}`] : undefined) ?? LABELS[field] ?? field;
}

const count = (value: number | bigint | undefined) => (value === undefined ? '' : Number(value).toLocaleString('en'));

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

const isBlank = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() === '');

/** One issue as a sentence; `input` is the validated value, to tell "missing" from "malformed". */
export function issueMessage(issue: IssueLike, input?: unknown, labels?: Labels): string {
  const label = fieldLabel(issue.path, labels);
  const lower = label.toLowerCase();
  const blank = input !== undefined && isBlank(valueAt(input, issue.path));
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${label} is required.` : `${label} needs at least ${count(issue.minimum)} characters.`;
      if (issue.origin === 'array') return `Add at least ${count(issue.minimum)} ${lower}.`;
      return `${label} is too small.`;
    case 'too_big':
      if (issue.origin === 'string') return `${label} can be at most ${count(issue.maximum)} characters.`;
      if (issue.origin === 'array') return `At most ${count(issue.maximum)} ${lower} fit on one application.`;
      return `${label} is too large.`;
    case 'invalid_format':
      if (blank) return `${label} is required.`;
      if (issue.format === 'url') return `${label} must be a web address starting with https:// or http://.`;
      if (issue.format === 'email') return `${label} must be an email address, like name@example.com.`;
      if (issue.format === 'datetime') return `${label} is not a valid date.`;
      return `${label} is not in the expected format.`;
    case 'invalid_type':
      return blank ? `${label} is required.` : `${label} has the wrong kind of value.`;
    case 'invalid_value':
      return `Choose a ${lower} from the list.`;
    default:
      return issue.message;
  }
}

/** The first message for each field (the one a person should fix first). */
export function fieldErrorsFromIssues(issues: readonly IssueLike[], input?: unknown, labels?: Labels): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = pathKey(issue.path);
    errors[key] ??= issueMessage(issue, input, labels);
  }
  return errors;
}

function isIssueList(value: unknown): value is IssueLike[] {
  return (
    Array.isArray(value) &&
    value.every((issue) => issue !== null && typeof issue === 'object' && typeof (issue as IssueLike).code === 'string' && Array.isArray((issue as IssueLike).path))
  );
}

/**
 * What a failed save tells the user: field messages when the write path
 * refused the document (a zod error), otherwise the error's own message.
 */
export function describeSaveError(error: unknown, input?: unknown): { fields: FieldErrors } | { message: string } {
  const issues = error !== null && typeof error === 'object' ? (error as { issues?: unknown }).issues : undefined;
  if (isIssueList(issues) && issues.length > 0) return { fields: fieldErrorsFromIssues(issues, input) };
  return { message: error instanceof Error && error.message ? error.message : 'Could not save the change.' };
}
