/**
 * The If-Match value for a record whose view carries `version` but which has no single-record GET to read an
 * ETag from (locations). Must match how the api forms its ETags.
 */
export function etagForVersion(version: number): string {
  return `"${version}"`;
}
