// The data lives in the browser's IndexedDB, so pages render on the client only.
export const ssr = false;
export const prerender = false;
