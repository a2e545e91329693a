import { describe, expect, it } from "vitest";
import { parseDataSourceConfig, summarizeDataSource, type ConnectorError } from "../src/index.ts";
import { redactSecrets } from "../src/core/errors.ts";

const failure = (input: unknown) => {
  try {
    parseDataSourceConfig(input);
  } catch (error) {
    return error as ConnectorError;
  }
  throw new Error("expected the config to be refused");
};

describe("data source configs", () => {
  it("reads the source system's legacy aws_rds secret shape", () => {
    const config = parseDataSourceConfig({
      provider: "aws_rds",
      rdsResourceArn: "arn:aws:rds:eu-west-1:123456789012:cluster:shop",
      rdsSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-db-AbCdEf",
      rdsDatabase: "shop",
      roleArn: "arn:aws:iam::123456789012:role/answerbase",
    });
    expect(config).toEqual({
      provider: "aurora_data_api",
      resourceArn: "arn:aws:rds:eu-west-1:123456789012:cluster:shop",
      secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-db-AbCdEf",
      database: "shop",
      roleArn: "arn:aws:iam::123456789012:role/answerbase",
    });
    expect(summarizeDataSource(config)).toEqual({
      provider: "aurora_data_api",
      location: "cluster shop",
      database: "shop",
      region: "eu-west-1",
    });
  });

  it("summarizes a connection string without user or password", () => {
    const summary = summarizeDataSource(
      parseDataSourceConfig({
        provider: "neon",
        connectionString: "postgresql://app:pw-123@ep-x.neon.example/shop?sslmode=require",
      }),
    );
    expect(summary).toEqual({
      provider: "neon",
      location: "ep-x.neon.example",
      database: "shop",
      region: null,
    });
    expect(JSON.stringify(summary)).not.toMatch(/app|pw-123/);
  });

  it("names every bad field, unknown fields and the Redshift either/or rules", () => {
    const unknownProvider = failure({ provider: "mysql" });
    expect(unknownProvider.fields?.map((f) => f.field)).toEqual(["provider"]);
    expect(unknownProvider.message).toContain('got "mysql"');
    expect(
      failure({ provider: "postgres", connectionString: "mysql://x/y", extra: 1 }).fields?.map(
        (f) => f.field,
      ),
    ).toEqual(["connectionString", "(config)"]);
    const redshift = failure({
      provider: "redshift",
      database: "dev",
      workgroupName: "wg",
      clusterIdentifier: "c",
      dbUser: "u",
      roleArn: "arn:aws:iam::123456789012:role/answerbase",
    });
    expect(redshift.code).toBe("invalid_config");
    expect(redshift.message).toMatch(/exactly one of workgroupName/);
  });

  it("requires the organization's IAM role for Aurora and Data API Redshift, and checks its shape", () => {
    const aurora = {
      provider: "aurora_data_api",
      resourceArn: "arn:aws:rds:eu-west-1:123456789012:cluster:shop",
      secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-db-AbCdEf",
      database: "shop",
    };
    const redshift = {
      provider: "redshift",
      workgroupName: "wg",
      database: "dev",
      secretArn: aurora.secretArn,
    };
    for (const config of [aurora, redshift]) {
      const missing = failure(config);
      expect(missing.fields).toEqual([{ field: "roleArn", message: expect.stringMatching(/^is required/) }]);
      for (const roleArn of [
        "answerbase",
        "arn:aws:iam::12345:role/answerbase",
        "arn:aws:iam::123456789012:user/answerbase",
        "arn:aws:sts::123456789012:assumed-role/answerbase/x",
      ]) {
        expect(failure({ ...config, roleArn }).fields).toEqual([
          {
            field: "roleArn",
            message: expect.stringContaining("arn:aws:iam::<12-digit account id>:role/<name>"),
          },
        ]);
      }
      const roleArn = "arn:aws:iam::123456789012:role/service/answerbase-reader";
      expect(parseDataSourceConfig({ ...config, roleArn })).toMatchObject({ roleArn });
    }
    // A legacy secret without a role is refused with the field named (it must be saved again).
    expect(
      failure({
        provider: "aws_rds",
        rdsResourceArn: aurora.resourceArn,
        rdsSecretArn: aurora.secretArn,
        rdsDatabase: "shop",
      }).fields?.map((f) => f.field),
    ).toEqual(["roleArn"]);
    // A direct Redshift connection string has no AWS identity to assume.
    expect(
      parseDataSourceConfig({
        provider: "redshift",
        connectionString: "postgresql://u:p@rs.example:5439/dev",
      }),
    ).not.toHaveProperty("roleArn");
  });

  it("never echoes a password in an error", () => {
    expect(redactSecrets("connect to postgres://app:hunter2@db:5432/x failed; password=hunter2")).toBe(
      "connect to postgres://app:***@db:5432/x failed; password=***",
    );
    const error = failure({ provider: "neon", connectionString: "postgresql://app:hunter2@/db" });
    expect(JSON.stringify(error.toJSON())).not.toContain("hunter2");
  });
});
