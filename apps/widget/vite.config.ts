import { defineConfig } from "vite";

// No React plugin: Vite's own transform compiles the JSX; the widget has no need for fast refresh.
export default defineConfig({
  base: "./",
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: "dist",
    target: "es2022",
    // The iframe's HTML is templated by the server (Convex URL); keep asset names stable for caching.
    assetsInlineLimit: 0,
  },
});
