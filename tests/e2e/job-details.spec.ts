import type { BrowserContext, Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { storedJob } from './local-jobs';

/**
 * The job details page and "Add a job", in the built extension with no
 * server and the browser offline: everything is written to and read back
 * from the local database.
 */

async function openDashboard(context: BrowserContext, extensionId: string, hash: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html${hash}`);
  return page;
}

/** Adds a job through the "Add a job" form and returns its id, read from the page it lands on. */
async function addJob(page: Page, fields: { title: string; company: string; url: string; status?: string; location?: string }): Promise<string> {
  await page.goto(page.url().replace(/#.*$/, '') + '#/new');
  const form = page.getByRole('form', { name: 'Add a job' });
  await form.getByLabel('Title').fill(fields.title);
  await form.getByLabel('Company').fill(fields.company);
  await form.getByLabel('Posting link').fill(fields.url);
  if (fields.status) await form.getByLabel('Status').selectOption({ label: fields.status });
  if (fields.location) await form.getByLabel('Location').fill(fields.location);
  await form.getByRole('button', { name: 'Add job' }).click();
  await expect(page).toHaveURL(/#\/jobs\/manual%3A[0-9a-f]{32}$/);
  await expect(page.getByRole('heading', { level: 2, name: fields.title })).toBeVisible();
  return decodeURIComponent(new URL(page.url()).hash.replace('#/jobs/', ''));
}

test('a job added by hand is edited field by field, gains a note, contact, interview and tags, and all of it survives a reload', async ({
  context,
  extensionId,
}) => {
  await context.setOffline(true);
  const page = await openDashboard(context, extensionId, '#/new');

  // The form refuses what the schema would, and says why at each field.
  const addForm = page.getByRole('form', { name: 'Add a job' });
  await addForm.getByLabel('Posting link').fill('not a link');
  await addForm.getByRole('button', { name: 'Add job' }).click();
  await expect(addForm.getByLabel('Title')).toHaveAccessibleDescription('Title is required.');
  await expect(addForm.getByLabel('Posting link')).toHaveAccessibleDescription(/^Posting link must be a web address starting with https:\/\/ or http:\/\/\./);
  await expect(addForm.getByLabel('Title')).toBeFocused();
  await expect(addForm.getByLabel('Posting link')).toHaveValue('not a link');

  const id = await addJob(page, { title: 'Data Analyst', company: 'Hooli', url: 'careers.hooli.example/jobs/12', status: 'Saved', location: 'Lisbon' });
  expect(await storedJob(page, id)).toMatchObject({
    title: 'Data Analyst',
    company: 'Hooli',
    url: 'https://careers.hooli.example/jobs/12',
    status: 'saved',
    location: 'Lisbon',
    source: 'manual',
    statusHistory: [{ status: 'saved' }],
  });

  // Every field is editable; only a save writes.
  const details = page.getByRole('form', { name: 'Details' });
  await details.getByLabel('Title').fill('Senior Data Analyst');
  await details.getByLabel('Status').selectOption({ label: 'Applied' });
  await details.getByLabel('Salary').fill('€60,000');
  await details.getByLabel('Employment type').fill('Full-time');
  await details.getByLabel('Duration').fill('Permanent');
  await details.getByLabel('Start date').fill('January');
  await details.getByLabel('Applied date').fill('2026-11-18');
  await details.getByLabel('Follow-up date').fill('2026-12-01T09:30');
  await details.getByLabel('Description').fill('SQL and dashboards.\nHybrid, two days on site.');
  await expect(details.getByRole('status')).toHaveText('Unsaved changes: Title, Status, Salary, Employment type, Duration, Start date, Applied date, Follow-up date, Description.');
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(details.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByRole('heading', { level: 2, name: 'Senior Data Analyst' })).toBeVisible();

  // A bad value is refused at its field and the rest of the user's input stays on screen.
  await details.getByLabel('Posting link').fill('ftp://files.example/job');
  await details.getByLabel('Company').fill('Hooli Inc.');
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(details.getByLabel('Posting link')).toHaveAccessibleDescription(/^Posting link must be a web address/);
  await expect(details.getByRole('alert')).toContainText('One field needs attention. Nothing was saved; your edits are kept.');
  await expect(details.getByLabel('Company')).toHaveValue('Hooli Inc.');
  expect(await storedJob(page, id)).toMatchObject({ company: 'Hooli', url: 'https://careers.hooli.example/jobs/12' });
  await details.getByLabel('Posting link').fill('https://careers.hooli.example/jobs/12-senior');
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(details.getByRole('status')).toHaveText('Saved.');

  // Notes: add, edit, delete with undo.
  const addNote = page.getByRole('form', { name: 'Add a note' });
  await addNote.getByLabel('Note').fill('Referred by Ana');
  await addNote.getByRole('button', { name: 'Add note' }).click();
  await page.getByRole('button', { name: 'Edit note: Referred by Ana' }).click();
  const editNote = page.getByRole('form', { name: 'Edit note' });
  await expect(editNote.getByLabel('Note')).toBeFocused();
  await editNote.getByLabel('Note').fill('Referred by Ana (team lead)');
  await editNote.getByRole('button', { name: 'Save note' }).click();
  await addNote.getByLabel('Note').fill('Temporary note');
  await addNote.getByRole('button', { name: 'Add note' }).click();
  await page.getByRole('button', { name: 'Delete note: Temporary note' }).click();
  await expect(page.getByText('Deleted note: Temporary note.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();

  // An empty note is refused where it was typed.
  await addNote.getByRole('button', { name: 'Add note' }).click();
  await expect(addNote.getByLabel('Note')).toHaveAccessibleDescription('Note is required.');

  // A contact, an interview, tags.
  const addContact = page.getByRole('form', { name: 'Add a contact' });
  await addContact.getByLabel('Name').fill('Ana Costa');
  await addContact.getByLabel('Role').fill('Team lead');
  await addContact.getByLabel('Email').fill('ana@hooli');
  await addContact.getByRole('button', { name: 'Add contact' }).click();
  await expect(addContact.getByLabel('Email')).toHaveAccessibleDescription('Email must be an email address, like name@example.com.');
  await addContact.getByLabel('Email').fill('ana@hooli.example');
  await addContact.getByLabel('Link', { exact: true }).fill('linkedin.com/in/anacosta');
  await addContact.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('link', { name: 'Ana Costa' })).toHaveAttribute('href', 'https://linkedin.com/in/anacosta');

  const addInterview = page.getByRole('form', { name: 'Add an interview' });
  await addInterview.getByLabel('Date and time').fill('2026-12-02T14:30');
  await addInterview.getByLabel('What').fill('Phone screen');
  await addInterview.getByRole('button', { name: 'Add interview' }).click();
  await expect(page.getByText('Phone screen', { exact: false }).first()).toBeVisible();

  const addTags = page.getByRole('form', { name: 'Add tags' });
  await addTags.getByLabel('Add tags').fill('remote, dream job, Remote');
  await addTags.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('button', { name: 'Remove tag dream job' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Senior Data Analyst' })).toBeVisible();
  await expect(details.getByLabel('Salary')).toHaveValue('€60,000');
  await expect(details.getByLabel('Applied date')).toHaveValue('2026-11-18');
  await expect(details.getByLabel('Follow-up date')).toHaveValue('2026-12-01T09:30');
  await expect(details.getByLabel('Description')).toHaveValue('SQL and dashboards.\nHybrid, two days on site.');
  await expect(page.getByText('Referred by Ana (team lead)')).toBeVisible();
  await expect(page.getByText('Temporary note')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'ana@hooli.example' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove tag remote' })).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Status history' }).getByRole('listitem');
  await expect(timeline).toHaveCount(2);
  await expect(timeline.nth(0)).toContainText('Saved');
  await expect(timeline.nth(1)).toContainText('Applied');

  const stored = await storedJob(page, id);
  expect(stored).toMatchObject({
    title: 'Senior Data Analyst',
    // Typed before the refused save, kept on screen, and saved with the corrected link.
    company: 'Hooli Inc.',
    url: 'https://careers.hooli.example/jobs/12-senior',
    status: 'applied',
    salary: '€60,000',
    employmentType: 'Full-time',
    duration: 'Permanent',
    startDate: 'January',
    description: 'SQL and dashboards.\nHybrid, two days on site.',
    tags: ['remote', 'dream job'],
    contacts: [{ name: 'Ana Costa', role: 'Team lead', email: 'ana@hooli.example', url: 'https://linkedin.com/in/anacosta' }],
    interviews: [{ label: 'Phone screen' }],
  });
  expect((stored!.notes as { text: string }[]).map((note) => note.text)).toEqual(['Referred by Ana (team lead)']);
  expect((stored!.statusHistory as { status: string }[]).map((change) => change.status)).toEqual(['saved', 'applied']);
  expect(stored!.followUpAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
});

test('an edit in progress is not overwritten by a change from elsewhere, and saving keeps both', async ({ context, extensionId }) => {
  await context.setOffline(true);
  const mine = await openDashboard(context, extensionId, '#/new');
  const id = await addJob(mine, { title: 'Platform Engineer', company: 'Initech', url: 'https://initech.example/jobs/7' });

  // The same job open in a second tab stands in for another device: its writes reach this tab as a live update.
  const theirs = await openDashboard(context, extensionId, `#/jobs/${encodeURIComponent(id)}`);
  const myForm = mine.getByRole('form', { name: 'Details' });
  const theirForm = theirs.getByRole('form', { name: 'Details' });

  await myForm.getByLabel('Title').fill('Staff Platform Engineer');
  await theirForm.getByLabel('Title').fill('Principal Platform Engineer');
  await theirForm.getByLabel('Location').fill('Remote');
  await theirForm.getByRole('button', { name: 'Save changes' }).click();
  await expect(theirForm.getByRole('status')).toHaveText('Saved.');

  // Untouched fields follow the other change; the field being edited keeps the user's text, with a notice.
  await expect(myForm.getByLabel('Location')).toHaveValue('Remote');
  await expect(myForm.getByLabel('Title')).toHaveValue('Staff Platform Engineer');
  await expect(myForm.getByText(/Changed on another device while you were editing: Title \(now “Principal Platform Engineer”\)/)).toBeVisible();

  await myForm.getByRole('button', { name: 'Save changes' }).click();
  // Until the save lands the notice is a second status in the form; it goes once the user's version is stored.
  await expect(myForm.getByText(/Changed on another device/)).toBeHidden();
  await expect(myForm.getByRole('status')).toHaveText('Saved.');
  expect(await storedJob(mine, id)).toMatchObject({ title: 'Staff Platform Engineer', location: 'Remote' });
  await expect(theirForm.getByLabel('Title')).toHaveValue('Staff Platform Engineer');
});

test('deleting a job can be undone; an unknown job shows a way back', async ({ context, extensionId }) => {
  await context.setOffline(true);
  const page = await openDashboard(context, extensionId, '#/new');
  const id = await addJob(page, { title: 'Designer', company: 'Globex', url: 'https://globex.example/jobs/1' });

  await page.getByRole('button', { name: 'Delete application' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Application deleted' })).toBeVisible();
  expect(await storedJob(page, id)).toBeUndefined();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Designer' })).toBeVisible();
  expect(await storedJob(page, id)).toMatchObject({ title: 'Designer', company: 'Globex' });

  await page.goto(page.url().replace(/#.*$/, '') + '#/jobs/manual%3Agone');
  await expect(page.getByRole('heading', { level: 2, name: 'Application not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the board' }).click();
  await expect(page).toHaveURL(/#\/board$/);
});

test('the details page and the add form have no serious accessibility violations', async ({ context, extensionId }) => {
  const page = await openDashboard(context, extensionId, '#/new');
  await expect(page.getByRole('form', { name: 'Add a job' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await addJob(page, { title: 'Backend Engineer', company: 'Umbrella', url: 'https://umbrella.example/jobs/3' });
  await page.getByRole('form', { name: 'Add a note' }).getByLabel('Note').fill('First call went well');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByRole('form', { name: 'Add tags' }).getByLabel('Add tags').fill('backend');
  await page.getByRole('form', { name: 'Add tags' }).getByRole('button', { name: 'Add' }).click();
  await expect(page.getByText('First call went well', { exact: true })).toBeVisible();
  // With an error showing too, as people will see it.
  await page.getByRole('form', { name: 'Details' }).getByLabel('Title').fill('');
  await page.getByRole('form', { name: 'Details' }).getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('form', { name: 'Details' }).getByLabel('Title')).toHaveAccessibleDescription('Title is required.');
  await expectNoSeriousA11yViolations(page);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
});
