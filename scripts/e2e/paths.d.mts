// Types of paths.mjs for the TypeScript tests that import it (test/e2e/ui/).
export const REPO: string;
export const CODE_SERVER_VERSION: string;
export const CODE_SERVER_DIR: string;
export const CODE_SERVER_ENTRY: string;
export const SETUP_SCRIPT: string;
export const CHROMIUM: string;
export const SUITES_DIR: string;
export const DEFAULT_WORKSPACE: string;
export const E2E_CACHE: string;
export const ARTIFACTS_DIR: string;
