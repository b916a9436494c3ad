/**
 * A LinkedIn-sized job search page for the bench: the older layout's results
 * list (about 3,000 elements across 120 cards), the selected job's detail pane
 * and the modal outlet, shaped like tests/fixtures/linkedin. Generated, so its
 * size is a parameter rather than a saved page.
 */

export const BENCH_JOB_ID = '4099000001';
export const BENCH_URL = `https://www.linkedin.com/jobs/search/?currentJobId=${BENCH_JOB_ID}`;

function card(i: number): string {
  const id = String(4099000001 + i);
  const insights = Array.from({ length: 6 }, (_, k) => `<li class="job-card-container__metadata-item"><span>Insight ${k}</span></li>`).join('');
  return `<li class="scaffold-layout__list-item" data-occludable-job-id="${id}">
  <div class="job-card-container job-card-list" data-job-id="${id}">
    <div class="job-card-list__entity-lockup artdeco-entity-lockup">
      <div class="artdeco-entity-lockup__image"><img alt="Company ${i} logo" width="56" height="56"></div>
      <div class="artdeco-entity-lockup__content">
        <div class="artdeco-entity-lockup__title"><a class="job-card-list__title" href="/jobs/view/${id}/"><span><strong>Engineer ${i}</strong></span></a></div>
        <div class="artdeco-entity-lockup__subtitle"><span>Company ${i}</span></div>
        <div class="artdeco-entity-lockup__caption"><ul class="job-card-container__metadata-wrapper"><li><span>City ${i % 40}, Country</span></li></ul></div>
        <ul class="job-card-container__metadata-wrapper">${insights}</ul>
      </div>
    </div>
    <ul class="job-card-list__footer-wrapper job-card-container__footer-wrapper">
      <li class="job-card-container__footer-item"><span>Promoted</span></li>
      <li class="job-card-container__footer-item job-card-container__footer-job-state"><span>Viewed</span></li>
      <li class="job-card-container__footer-item"><time datetime="2026-01-0${(i % 9) + 1}">${i % 9 + 1} days ago</time></li>
    </ul>
  </div>
</li>`;
}

function detailPane(): string {
  const paragraphs = Array.from({ length: 40 }, (_, k) => `<p>Responsibility ${k}: build and run <strong>things</strong> with <em>care</em>.</p>`).join('');
  return `<div class="jobs-search__job-details--container">
  <div class="job-details-jobs-unified-top-card__container--two-pane">
    <div class="job-details-jobs-unified-top-card__company-name"><a href="https://www.linkedin.com/company/bench-co/life">Bench Co</a></div>
    <h1 class="t-24 t-bold inline job-details-jobs-unified-top-card__job-title"><a href="/jobs/view/${BENCH_JOB_ID}/">Engineer 0</a></h1>
    <div class="job-details-jobs-unified-top-card__primary-description-container">
      <span class="tvm__text tvm__text--low-emphasis">City 0, Country</span>
      <span class="tvm__text tvm__text--low-emphasis"> · </span>
      <span class="tvm__text tvm__text--low-emphasis">2 days ago</span>
    </div>
    <div class="jobs-apply-button--top-card">
      <button id="jobs-apply-button-id" class="jobs-apply-button artdeco-button" data-job-id="${BENCH_JOB_ID}" aria-label="Easy Apply to Engineer 0 at Bench Co"><span class="artdeco-button__text">Easy Apply</span></button>
    </div>
  </div>
  <div class="jobs-description__content jobs-description-content"><div id="job-details"><h2>About the job</h2>${paragraphs}</div></div>
</div>`;
}

export function bigSearchPage(cards = 120): string {
  const list = Array.from({ length: cards }, (_, i) => card(i)).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Jobs | LinkedIn</title></head>
<body>
<header id="global-nav"><a href="/feed/">Home</a> <a href="/jobs/">Jobs</a></header>
<main class="scaffold-layout__main">
  <div class="scaffold-layout__list"><ul class="scaffold-layout__list-container" id="bench-list">${list}</ul></div>
  <div class="scaffold-layout__detail" id="bench-detail">${detailPane()}</div>
</main>
<div id="artdeco-modal-outlet"></div>
</body></html>`;
}

/** The post-apply dialog LinkedIn shows after "Submit application". */
export const CONFIRMATION_HTML = `<div class="artdeco-modal-overlay"><div role="dialog" aria-labelledby="post-apply-modal" class="artdeco-modal">
<div class="artdeco-modal__header"><h2 id="post-apply-modal">Application sent</h2></div>
<div class="artdeco-modal__content"><p>Your application was sent to Bench Co!</p></div>
<footer><button type="button">Done</button></footer></div></div>`;

// ---------------------------------------------------------------- the current (SDUI) layout

export const SDUI_BENCH_JOB_ID = '4098000001';
export const SDUI_BENCH_URL = `https://www.linkedin.com/jobs/search-results/?currentJobId=${SDUI_BENCH_JOB_ID}`;

/**
 * A result card as tests/fixtures/linkedin/search-results-sdui.html and
 * sdui-job-view-applied-offsite.html reconstruct them: hashed classes, a
 * componentkey naming the job, the title in a <p> inside the link, then
 * company, place and a state line ("Viewed", "Promoted", "Applied").
 */
function sduiCard(i: number): string {
  const id = String(Number(SDUI_BENCH_JOB_ID) + i);
  const insights = Array.from({ length: 6 }, (_, k) => `<span class="_50aa6142">Insight ${k}</span>`).join('<span class="_3e9728b7"> · </span>');
  return `<div componentkey="job-card-${id}" class="a8f3c1 _47d4dd69">
  <div class="e5a3b538 _566c4cb4"><figure class="_9a5a5752" aria-label="Company logo for, Company ${i}."><img class="a88ce8d0" alt="" width="56" height="56"></figure>
    <div class="_47d4dd69">
      <a class="_1b369901" href="/jobs/search-results/?currentJobId=${id}"><p class="e81b22 _29bfc5c9">Engineer ${i}</p></a>
      <p class="_29bfc5c9 e0f715ee">Company ${i}</p>
      <p class="_29bfc5c9 e0f715ee">City ${i % 40}, Country (Hybrid)</p>
      <p class="_29bfc5c9 d962edf1">${insights}</p>
      <p class="_29bfc5c9 e0f715ee job-state">Viewed</p>
      <p class="_29bfc5c9 e0f715ee"><span>Promoted</span><span class="_3e9728b7"> · </span><span>${(i % 9) + 1} days ago</span></p>
    </div>
  </div>
</div>`;
}

function sduiDetailPane(): string {
  const paragraphs = Array.from({ length: 40 }, (_, k) => `<p class="_29bfc5c9 e0f715ee">Responsibility ${k}: build and run <strong>things</strong> with <em>care</em>.</p>`).join('');
  return `<div class="c91e0d _47d4dd69">
    <a class="f0d1aa" href="https://www.linkedin.com/company/bench-co/life/"><p class="_29bfc5c9"><span>Bench Co</span></p></a>
    <button class="b65d1434" type="button" aria-label="More options"><span class="b44f1300"></span></button>
    <h1 class="b2e4f7">Engineer 0</h1>
    <p class="d7c3e2"><span class="_50aa6142">City 0, Country</span><span class="_3e9728b7"> </span>·<span class="_3e9728b7"> </span><span class="_50aa6142">2 days ago</span><span class="_3e9728b7"> </span>·<span class="_3e9728b7"> </span><span class="_50aa6142">40 applicants</span></p>
    <div class="p0a1b2"><button type="button" class="q9z8y7"><span>Hybrid</span></button><button type="button" class="q9z8y7"><span>Full-time</span></button></div>
    <a aria-label="Easy Apply to this job" href="/jobs/view/${SDUI_BENCH_JOB_ID}/apply/?openSDUIApplyFlow=true">Easy Apply</a>
  </div>
  <div componentkey="JobDetails_AboutTheJob_${SDUI_BENCH_JOB_ID}"><div data-sdui-component="com.linkedin.sdui.generated.jobseeker.dsl.impl.aboutTheJob">
    <h2 class="_29bfc5c9">About the job</h2><div id="bench-sdui-about">${paragraphs}</div>
  </div></div>
  <div componentkey="JobDetailsSimilarJobsSlot_${SDUI_BENCH_JOB_ID}"><div data-sdui-component="com.linkedin.sdui.generated.jobseeker.dsl.impl.similarJobs">
    <h2 class="_29bfc5c9">Similar jobs</h2>${Array.from({ length: 6 }, (_, k) => `<div><a href="https://www.linkedin.com/jobs/view/${4097000000 + k}/"><p class="_29bfc5c9">Analyst ${k}</p></a><p class="_29bfc5c9">${k % 2 ? 'Applied' : 'Viewed'}</p></div>`).join('')}
  </div></div>`;
}

/**
 * The same search page in the 2025-26 SDUI layout (about as many elements).
 * It has no modal outlet: dialogs and toasts are appended to <body>, so the
 * content script observes the whole body, and every mutation reaches it.
 */
export function bigSduiSearchPage(cards = 120): string {
  const list = Array.from({ length: cards }, (_, i) => sduiCard(i)).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Jobs | LinkedIn</title></head>
<body>
<header id="global-nav"><nav><a href="/feed/">Home</a> <a href="/jobs/">Jobs</a></nav></header>
<div role="main" data-sdui-screen="com.linkedin.sdui.flagshipnav.jobs.SemanticJobSearch"><main id="workspace">
  <div data-testid="lazy-column" componentkey="SearchResultsMainContent" id="bench-list">${list}</div>
  <div id="bench-detail" data-sdui-screen="com.linkedin.sdui.flagshipnav.jobs.SemanticJobDetails">${sduiDetailPane()}</div>
</main></div>
</body></html>`;
}

/** SDUI's post-apply dialog, appended to <body> (search-results-sdui.html). */
export const SDUI_CONFIRMATION_HTML = `<h2 id="post-apply-modal">Application sent</h2><p>Your application was sent to Bench Co</p><button type="button">Done</button>`;
