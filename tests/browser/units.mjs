// What the browser scripts share: the served site they check (SITE_DIR, BASE_URL, CHROMIUM from
// run.sh) and the units they count (a unit passes until a check of it fails).
import path from 'node:path';

/** The site and browser `script` checks; exits with 2 when run.sh did not set them. */
export function siteFromEnv(script) {
  if (!process.env.SITE_DIR || !process.env.BASE_URL) {
    console.error(`${script}: set SITE_DIR and BASE_URL (run tests/browser/run.sh instead)`);
    process.exit(2);
  }
  return {
    SITE_DIR: path.resolve(process.env.SITE_DIR),
    BASE_URL: new URL(process.env.BASE_URL),
    CHROMIUM: process.env.CHROMIUM || '/usr/bin/chromium',
  };
}

/** A tally of units: `unit(name)` counts one, `fail(name, check, message)` fails it. */
export function tally() {
  const units = new Map();
  const failures = [];
  const unit = (name) => {
    if (!units.has(name)) units.set(name, false);
  };
  const fail = (name, check, message) => {
    unit(name);
    units.set(name, true);
    failures.push(`${name} — ${check}: ${message}`);
  };
  return { units, failures, unit, fail };
}
