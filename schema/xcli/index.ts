/** xCLI: parse and validate `.xapi` scripts (the RoomOS terminal language). */
export * from './ast';
export * from './keywords';
export { parseXcli, parseStatementAt, parseStatementsFrom, splitLines, arraySource, LineSource } from './parser';
export * from './context';
export * from './incremental';
export * from './didYouMean';
export * from './codes';
export { validateXcli, validateStatement, multilineFromIndex, XcliValidateOptions } from './validate';
export { checkValue, describeValueSpace, matchLiteral, ValueCheck, ValueProblem } from '../valueCheck';
export * from './outline';
export { statementToRequest, parseStatements, awaitsBody, XcliRequest, XcliRequestError, XcliRequestPath } from './request';
