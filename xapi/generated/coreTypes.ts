// Placeholder until the typings generator writes this file from the core schema
// (see schema/typings). Regenerate with: npm run gen:types
export interface CoreSchemaTypes {
  Command: Record<string, any>;
  Configuration: Record<string, any>;
  Status: Record<string, any>;
  Event: Record<string, any>;
}
