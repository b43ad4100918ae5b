/**
 * The built library. The harness snapshots dist/ at the start of a run and points PREHEAT_DIST at
 * the copy, so a colleague's `npm run build` (or a half-written dist/) in the middle of a long run
 * cannot mix versions or break children. Run by hand, a contender imports ../dist/index.js.
 */
import { pathToFileURL } from 'node:url';

const target = process.env.PREHEAT_DIST ? pathToFileURL(process.env.PREHEAT_DIST).href : new URL('../../dist/index.js', import.meta.url).href;

export const { Component, Warmup } = await import(target);
