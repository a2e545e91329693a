import type { HttpService } from "../http/http-server.ts";
import type { IamRegistry } from "./iam-registry.ts";
import { isoSeconds, optionalIntegerParam, queryService, requiredParam, xml } from "./query-protocol.ts";

/**
 * AWS STS (Query protocol, version 2011-06-15): AssumeRole and GetCallerIdentity. AssumeRole checks
 * the caller, the role's trust policy (principal and `sts:ExternalId`) and the duration, and issues
 * `ASIA…` credentials that the other emulators accept as the role until they expire.
 */
export function stsService(iam: IamRegistry): HttpService {
  return queryService(
    "sts",
    { signingName: "sts", version: "2011-06-15", namespace: "https://sts.amazonaws.com/doc/2011-06-15/" },
    {
      AssumeRole(params, request) {
        const caller = iam.callerOf(request.headers);
        const roleArn = requiredParam(params, "RoleArn");
        const sessionName = requiredParam(params, "RoleSessionName", /^[\w+=,.@-]{2,64}$/);
        const externalId = params.get("ExternalId") ?? undefined;
        if (externalId !== undefined) requiredParam(params, "ExternalId", /^[\w+=,.@:/-]{2,1224}$/);
        const durationSeconds = optionalIntegerParam(params, "DurationSeconds", 900, 43_200) ?? 3600;
        iam.authorize(caller, "sts:AssumeRole", roleArn);
        const session = iam.assumeRole(caller, { roleArn, sessionName, externalId, durationSeconds });
        return (
          `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId>` +
          `<SecretAccessKey>${xml(session.secretAccessKey)}</SecretAccessKey>` +
          `<SessionToken>${xml(session.sessionToken)}</SessionToken>` +
          `<Expiration>${isoSeconds(session.expiration)}</Expiration></Credentials>` +
          `<AssumedRoleUser><AssumedRoleId>${session.role.roleId}:${xml(sessionName)}</AssumedRoleId>` +
          `<Arn>${xml(session.arn)}</Arn></AssumedRoleUser>`
        );
      },
      GetCallerIdentity(_params, request) {
        const caller = iam.callerOf(request.headers);
        return `<Arn>${xml(caller.arn)}</Arn><UserId>${xml(caller.arn)}</UserId><Account>${caller.accountId}</Account>`;
      },
    },
  );
}
