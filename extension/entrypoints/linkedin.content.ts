import { startLinkedInCapture } from '../content/linkedin-capture';
import { runtimeDeps } from '../content/runtime';

// All of LinkedIn, because it moves from the feed to a job without a page load;
// the runner's first step on every page is a URL check, and off job pages nothing else runs.
export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startLinkedInCapture(window, runtimeDeps(ctx));
  },
});
