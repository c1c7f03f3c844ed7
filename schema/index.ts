/** The schema layer's public surface. Helpers append one `export *` line per module. */
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
