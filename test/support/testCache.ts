/** The tests' own cache home (XDG_CACHE_HOME for every test and child process): per user, under the temp folder. */
import * as os from 'node:os';
import * as path from 'node:path';

export const TEST_CACHE_HOME = path.join(os.tmpdir(), `xapi-workbench-test-cache-${os.userInfo().uid}`);
