/** Java's rule for field names in generated message classes: lower-case the first character. */
export function camelCase(schemaName: string): string {
  return schemaName.charAt(0).toLowerCase() + schemaName.slice(1);
}

/** 'DescribeTopicPartitions' -> 'describe-topic-partitions' (file names). */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** API name of a request/response message: 'MetadataRequest' -> 'Metadata'. */
export function apiNameOf(messageName: string): string {
  return messageName.replace(/(Request|Response)$/, '');
}

/**
 * TypeScript name of a struct: struct names are only unique within one schema file, so a struct whose name
 * does not already start with its message's name gets it as a prefix.
 */
export function structTsName(messageName: string, structName: string): string {
  return structName.startsWith(messageName) ? structName : messageName + structName;
}
