/** Moved to `./speed.ts` with the other speed and memory tricks; kept for the importers not yet moved. */
export { ownCopy } from './speed.js';
