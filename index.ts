/** Package entry: `import { connect } from 'xapi-workbench'`. */
export * from './xapi/index';
