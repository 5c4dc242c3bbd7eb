// The system Chromium (Debian's /usr/bin/chromium, or $CHROMIUM), headless and kept off the network: without
// the background-networking flags it keeps trying to reach Google's hosts, which this machine cannot.
import { chromium } from 'playwright-core';

export const launchChromium = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
