/** xCLI: parse and validate `.xapi` scripts (the RoomOS terminal language). */
export * from './ast';
export * from './keywords';
// The keywords' spelling lives with the other kind words; re-exported so schema/xcli keeps offering it.
export { KEYWORD_SPELLING } from '../kinds';
export { parseXcli, parseStatementAt, parseStatementsFrom, splitLines, arraySource, LineSource } from './parser';
export * from './context';
export * from './incremental';
export * from './didYouMean';
export * from './codes';
export { validateXcli, validateStatement, multilineFromIndex, XcliValidateOptions } from './validate';
export { checkValue, describeValueSpace, matchLiteral, ValueCheck, ValueProblem } from '../valueCheck';
export * from './outline';
export { statementToRequest, parseStatements, awaitsBody, XcliRequest, XcliRequestError, XcliRequestPath } from './request';
