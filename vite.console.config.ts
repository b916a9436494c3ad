import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The admin console (console/) as static files the server serves at /admin
 * (server/admin/console-static.ts). Its CSP allows scripts and styles from
 * the server only, so nothing is inlined: every script and style is a file.
 */
export default defineConfig({
  root: 'console',
  base: '/admin/',
  plugins: [react()],
  build: {
    // The server's default ADMIN_CONSOLE_DIR (server/config.ts DEFAULT_ADMIN_CONSOLE_DIR), relative to console/.
    outDir: '../dist/admin-console',
    emptyOutDir: true,
    // No inline <script> for the module-preload polyfill; every browser the console supports has it.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
  },
});
