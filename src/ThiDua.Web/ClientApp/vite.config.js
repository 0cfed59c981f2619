import { defineConfig } from 'vite';

// Built by `dotnet build` (see ThiDua.Web.csproj) into wwwroot/designer with fixed file names;
// the Razor pages add a version query (asp-append-version) for cache busting.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  logLevel: 'warn',
  build: {
    outDir: '../wwwroot/designer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      input: 'src/main.jsx',
      onwarn(warning, warn) {
        // React Flow ships "use client" for server components; irrelevant in a browser bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        entryFileNames: 'designer.js',
        chunkFileNames: 'designer-[name].js',
        assetFileNames: 'designer[extname]',
      },
    },
  },
});
