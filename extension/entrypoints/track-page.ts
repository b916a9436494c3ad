import { extractCurrentPage } from '../popup/track/in-page';

// Injected by the popup's "Track this page" with scripting.executeScript; its return value is the reply.
export default defineUnlistedScript(() => extractCurrentPage());
