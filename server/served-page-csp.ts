/**
 * The Content-Security-Policy of the pages the server serves itself (the
 * admin console, the API documentation), replacing the API's
 * `default-src 'none'`: scripts, styles, fonts and fetches from this server
 * only (no inline script, no CDN), and images from here or data: URLs (the
 * console's second-factor QR code, Swagger UI's icons).
 */
export const SERVED_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
