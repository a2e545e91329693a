export { lexSql } from "./lex-sql.ts";
export { identifierName, truncateIdentifier } from "./identifiers.ts";
export type { Delimited, LexOptions, SourceSpan, SqlToken, SqlTokenKind, StringPrefix } from "./tokens.ts";
