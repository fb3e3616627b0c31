import { defineConfig } from 'vite';

// Preact through the automatic JSX runtime, compiled by Vite's own Oxc
// transformer (no Babel plugin needed).
export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    target: 'es2022',
    manifest: true,
    sourcemap: false,
    // hls.js (light build) is one lazy chunk of its own, loaded on media pages only.
    chunkSizeWarningLimit: 400,
  },
});
