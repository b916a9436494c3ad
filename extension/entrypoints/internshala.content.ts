import { startInternshalaCapture } from '../content/internshala-capture';
import { runtimeDeps } from '../content/runtime';

export default defineContentScript({
  matches: ['https://internshala.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startInternshalaCapture(window, runtimeDeps(ctx));
  },
});
