// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shippedRules } from '../../shared/rules/shipped';
import { startInternshalaCapture } from './internshala-capture';
import type { ContentMessage } from './recorder';

function setUrl(path: string) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://internshala.com${path}`);
}

const item = (heading: string, body: string) =>
  `<div class="other_detail_item"><div class="item_heading">${heading}</div><div class="item_body">${body}</div></div>`;

/** The success dialog as Internshala ships it: in the page, hidden until an application goes through. */
const successDialog = (shown: boolean) => `<div id="similar_job_modal" style="display: ${shown ? 'block' : 'none'}">
  <div class="application_submit_success"><h4>Application submitted</h4><p>You can track status in My applications</p></div></div>`;

const detailPage = (shown: boolean) => `<div class="internship_meta">
  <h1 class="profile">Web Development Intern</h1><div class="company_name"><a>Bright Labs</a></div>
  <div id="location_names"><a>Bangalore</a></div>
  ${item('Start date', 'Immediately')}${item('Duration', '3 Months')}${item('Stipend', '₹ 10,000 /month')}
  <button id="easy_apply_button">Apply now</button></div>${successDialog(shown)}`;

const listingPage = (shown: boolean) => `<div class="individual_internship" internshipid="2870001" employment_type="internship"
    data-href="/internship/detail/data-science-internship-at-numbers-co2870001">
    <h3 class="job-internship-name">Data Science Intern</h3><p class="company-name">Numbers Co</p>
    <div class="row-1-item locations"><span>Remote</span></div><span class="stipend">₹ 8,000 /month</span>
    <button class="apply">Apply</button></div>${successDialog(shown)}`;

describe('startInternshalaCapture', () => {
  let stop: (() => void) | undefined;
  let send: ReturnType<typeof vi.fn<(message: ContentMessage) => Promise<unknown>>>;

  beforeEach(() => {
    vi.useFakeTimers();
    send = vi.fn(async (message: ContentMessage) =>
      message.type === 'job:captured' ? { ok: true, jobId: `internshala:${message.job.siteJobId}`, created: true } : { ok: true, recorded: false },
    );
  });
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  const start = () => {
    stop = startInternshalaCapture(window, { send, loadRules: async () => shippedRules, onInvalidated: () => {} });
  };
  const captures = () => send.mock.calls.map(([m]) => m).filter((m) => m.type === 'job:captured');

  it('records nothing while the success dialog is only hidden in the page', async () => {
    setUrl('/internship/detail/web-development-internship-at-bright-labs1234567');
    document.body.innerHTML = detailPage(false);
    start();
    await vi.advanceTimersByTimeAsync(500);
    document.body.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(500);
    expect(captures()).toHaveLength(0);
  });

  it('records the internship with stipend, duration, location and start date once the success dialog shows', async () => {
    setUrl('/internship/detail/web-development-internship-at-bright-labs1234567');
    document.body.innerHTML = detailPage(false);
    start();
    await vi.advanceTimersByTimeAsync(500);
    // Internshala shows the dialog by style and class alone: no node is added.
    (document.getElementById('similar_job_modal') as HTMLElement).style.display = 'block';
    await vi.advanceTimersByTimeAsync(500);

    expect(captures()).toEqual([
      {
        type: 'job:captured',
        job: expect.objectContaining({
          platform: 'internshala',
          siteJobId: '1234567',
          title: 'Web Development Intern',
          company: 'Bright Labs',
          location: 'Bangalore',
          salary: '₹ 10,000 /month',
          duration: '3 Months',
          startDate: 'Immediately',
          employmentType: 'internship',
        }),
      },
    ]);
  });

  it('on a listing, records the card the user applied from', async () => {
    setUrl('/internships/');
    document.body.innerHTML = listingPage(false);
    start();
    await vi.advanceTimersByTimeAsync(500);
    (document.querySelector('.individual_internship .apply') as HTMLElement).click();
    document.body.insertAdjacentHTML('beforeend', '<div id="later"></div>');
    (document.getElementById('similar_job_modal') as HTMLElement).style.display = 'block';
    document.getElementById('later')!.append(document.createElement('span'));
    await vi.advanceTimersByTimeAsync(500);
    expect(captures()).toHaveLength(1);
    expect(captures()[0]).toMatchObject({
      job: { siteJobId: '2870001', title: 'Data Science Intern', company: 'Numbers Co', location: 'Remote' },
    });
  });

  it('ignores pages that are neither listings nor details', async () => {
    setUrl('/student/dashboard');
    document.body.innerHTML = detailPage(true);
    start();
    await vi.advanceTimersByTimeAsync(500);
    expect(send).not.toHaveBeenCalled();
  });
});
