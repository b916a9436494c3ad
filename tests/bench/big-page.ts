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
