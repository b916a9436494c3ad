import { startLinkedInCapture } from '../content/linkedin-capture';

export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startLinkedInCapture(window, {
      send: (message) => browser.runtime.sendMessage(message),
      onInvalidated: (stop) => ctx.onInvalidated(stop),
    });
  },
});
