/**
 * The share link the page was opened with, read once as the app's modules load: before the first
 * render, and before the map is created (reading it rewrites the address's fragment to the link's
 * view, which the map then opens on: src/ui/share/startupLink.ts). Nothing reads it in a render.
 */
import { readStartupLink, startupCoverage } from '../share/startupLink';
import { COVERAGE_VIEWS } from '../coverage/appViews';

export const STARTUP_LINK = readStartupLink();
/** The link's coverage layer and mode, when the app has that layer. */
export const STARTUP_COVERAGE = startupCoverage(COVERAGE_VIEWS);
