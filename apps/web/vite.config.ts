/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [solid({ ssr: true })],
  resolve: { dedupe: ['solid-js'] },
  build: isSsrBuild
    ? { target: 'node20', emptyOutDir: true, copyPublicDir: false }
    : {
        outDir: 'dist/client',
        emptyOutDir: true,
        manifest: true,
        target: 'es2022',
        rolldownOptions: {
          input: 'src/entry-client.tsx',
          output: {
            // Shared components in one chunk rather than a dozen tiny ones: fewer requests per page.
            codeSplitting: {
              groups: [
                // One language's strings (shared, web app's, plugins') in one file per language.
                { name: 'messages-en', test: /[\\/](i18n|messages)[\\/]en\.ts$/ },
                { name: 'messages-fr', test: /[\\/](i18n|messages)[\\/]fr\.ts$/ },
                {
                  name: 'components',
                  test: /[\\/](apps[\\/]web[\\/]src[\\/]components|packages[\\/]ui[\\/]src)[\\/]/,
                },
              ],
            },
          },
        },
      },
  ssr: {
    // Workspace packages ship TypeScript/JSX source: compile them into the server bundle.
    noExternal: [/^@parvis\//],
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
}));
