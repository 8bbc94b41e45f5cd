/** The web app: one build for every role, split per role so the company's phone page loads little. */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WeChat's and Alipay's in-app browsers lag the stores' Chrome and Safari by a few versions.
    target: ['es2020', 'chrome87', 'safari14'],
  },
});
