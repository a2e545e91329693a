/* A named lookup's limits: `lookup/named/definition.ts` enforces them, the dashboard's editor checks them as you type. */

/** snake_case: `order_status`, `stock_by_sku2`. */
export const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const MAX_NAME_LENGTH = 48;
export const DESCRIPTION_LENGTH = { min: 10, max: 500 } as const;
export const PARAMETER_DESCRIPTION_MAX = 200;
export const MAX_PARAMETERS = 10;
export const MAX_SQL_LENGTH = 10_000;
