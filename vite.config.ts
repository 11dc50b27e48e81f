import { defineConfig } from 'vite';

// The browser build (CDN bundle and npm entries) is added with the element; the server kit and
// the mock are compiled by tsc (tsconfig.build.json) because they ship as plain Node modules.
export default defineConfig({
  build: {
    target: 'es2022',
  },
});
