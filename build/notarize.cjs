// electron-builder afterSign hook: notarizes the signed macOS app with Apple, but only when the
// credentials are in the environment (a release job with secrets). Local and unsigned builds skip
// it with one log line instead of failing. CommonJS because electron-builder require()s hooks.
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook loads its modules with require */
const path = require('node:path');

const REQUIRED = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];

/** Which credentials are missing; empty when notarization can run. */
function missingCredentials(env) {
  return REQUIRED.filter((name) => !env[name] || !String(env[name]).trim());
}

async function notarizeBaton(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const missing = missingCredentials(process.env);
  if (missing.length > 0) {
    console.log(`  • notarization skipped: ${missing.join(', ')} not set`);
    return;
  }
  const { notarize } = require('@electron/notarize');
  const appPath = path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  console.log(`  • notarizing ${appPath} (team ${process.env.APPLE_TEAM_ID})`);
  await notarize({
    appPath,
    appleId: process.env.APPLE_ID,
    appleIdPassword: process.env.APPLE_APP_SPECIFIC_PASSWORD,
    teamId: process.env.APPLE_TEAM_ID,
  });
}

module.exports = notarizeBaton;
module.exports.default = notarizeBaton;
module.exports.missingCredentials = missingCredentials;
