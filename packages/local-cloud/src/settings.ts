/** Limits and timings of the emulated services. Defaults are the real services'; tests lower them. */
export interface EmulatorSettings {
  rdsData: {
    /** Largest response with `records` (the Data API's limit is 1 MiB). */
    maxResponseBytes: number;
    /** Largest `formattedRecords` response (`formatRecordsAs: "JSON"`, 10 MB). */
    maxJsonResponseBytes: number;
    /** Largest single row (64 KB). */
    maxRowBytes: number;
    /** A statement running longer fails with StatementTimeoutException unless continueAfterTimeout (45 s). */
    statementTimeoutMs: number;
    /** A transaction with no calls for this long is rolled back and forgotten (3 min). */
    transactionIdleTimeoutMs: number;
  };
  redshiftData: {
    /** Time a statement spends in SUBMITTED/PICKED before it starts running. */
    startDelayMs: number;
    /** Extra time a statement stays STARTED after its query finished, to exercise polling. */
    executionDelayMs: number;
    /** Largest page of GetStatementResult before NextToken (real: 100 MB). */
    pageMaxBytes: number;
    /** Largest single row (64 KB). */
    maxRowBytes: number;
    /** How long results stay retrievable (24 h). */
    resultRetentionMs: number;
  };
}

export function defaultSettings(): EmulatorSettings {
  return {
    rdsData: {
      maxResponseBytes: 1024 * 1024,
      maxJsonResponseBytes: 10 * 1000 * 1000,
      maxRowBytes: 64 * 1024,
      statementTimeoutMs: 45_000,
      transactionIdleTimeoutMs: 3 * 60_000,
    },
    redshiftData: {
      startDelayMs: 20,
      executionDelayMs: 0,
      pageMaxBytes: 100 * 1024 * 1024,
      maxRowBytes: 64 * 1024,
      resultRetentionMs: 24 * 60 * 60_000,
    },
  };
}
