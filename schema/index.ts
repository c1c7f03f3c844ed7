/** The schema layer's public surface. Helpers append one `export *` line per module. */
// The emitted .d.ts uses Node's types (Buffer, NodeJS.*) and ES2022 built-ins: say so, so a user project with
// `"types": []` and no `lib` setting compiles as is (`preserve` keeps the directives in the declaration output).
/// <reference types="node" preserve="true" />
/// <reference lib="es2022" preserve="true" />
export * from './model';
export * from './path';
export * from './products';
export * from './schemaIndex';
export * from './errors';
export * from './load/published';
export * from './load/xdoc';
export * from './sources';
export * from './core';
export * from './typings';
export * from './xdocWriter';
export * from './diff';
export * from './describe';
export * from './xcli';
export * from './variants';
