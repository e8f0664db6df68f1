/** Flags of array and struct fields, passed by generated codecs to the Reader/Writer helpers. */
export const COMPACT = 1;
export const NULLABLE = 2;
/** The field's default is null (a missing value encodes as null when the version allows it). */
export const NULL_DEFAULT = 4;
