/**
 * What `import xapi from 'xapi'` / `require('xapi')` gives a macro run locally (bundled as dist/macro-shim.js):
 * this project's client, connected to the extension's loopback bridge and through it to the device VS Code is
 * connected to. Created at once and usable at once, as on a device: calls made before the connection is open
 * wait for it. The bridge's token is taken out of this process's environment as soon as it is read, so the
 * macro's own children do not inherit it.
 */
import { XapiClient } from '../../../xapi/client';
import { createNodeTransport } from '../../../xapi/transport-node';
import { BRIDGE_ENV, BRIDGE_USER } from '../bridgeEnv';

const url = process.env[BRIDGE_ENV.url];
const token = process.env[BRIDGE_ENV.token];
delete process.env[BRIDGE_ENV.token];
if (!url || !token) {
  throw new Error("The 'xapi' module of a local macro run works only when started by \"xAPI: Run Macro Locally\" or an xapi-macro launch configuration");
}

const xapi = new XapiClient(() => createNodeTransport({ url, username: BRIDGE_USER, password: token }), url, {});
// The device's own runtime prints its connection troubles in the macro log; here they go to the console.
xapi.on('error', err => console.warn(`xapi: ${err.message}`));
xapi.start().catch((err: Error) => {
  console.error(`xapi: cannot connect to the device through VS Code: ${err.message}`);
  process.exitCode = 1;
});

export = xapi;
