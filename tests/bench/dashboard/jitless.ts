import { z } from 'zod';

// Imported before any schema is built: zod decides per schema, at creation, whether to
// compile a fast parser with `new Function`. Code evaluated through DevTools passes
// zod's eval probe and is then refused by the extension's CSP; the extension itself
// never evaluates strings, so it never takes that path.
z.config({ jitless: true });
