import { existsSync } from 'node:fs';

/** Debian's Chromium, driven by playwright-core in the browser tests and the page benchmark. */
export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = (): boolean => existsSync(CHROMIUM);

/** Headless and quiet: no sandbox (containers), no GPU, no QUIC, nothing phoning home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
