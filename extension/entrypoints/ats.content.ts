import { startAtsCapture } from '../content/ats-capture';
import { runtimeDeps } from '../content/runtime';

// Not in the manifest: the background registers it (scripting.registerContentScripts) for the
// ATS hosts only while the person has granted them from Settings (background/capture/ats-scripts.ts).
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    startAtsCapture(window, runtimeDeps(ctx));
  },
});
