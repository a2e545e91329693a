import { AwsServiceError } from "../http/aws-error.ts";
import type { HttpService, ServiceRequest } from "../http/http-server.ts";
import type { IamRegistry, Role } from "./iam-registry.ts";
import { isoSeconds, optionalIntegerParam, queryService, requiredParam, xml } from "./query-protocol.ts";

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * AWS IAM (Query protocol, version 2010-05-08), the part a tenant needs to let the platform in:
 * CreateRole, GetRole, UpdateAssumeRolePolicy, DeleteRole, in the account whose root credentials
 * sign the request. Permission policies (PutRolePolicy, AttachRolePolicy) are not emulated: a role
 * may use its own account's emulated resources.
 */
export function iamService(iam: IamRegistry): HttpService {
  /** The caller's account, which must be allowed to manage its roles. */
  const accountFor = (request: ServiceRequest, action: string, roleName: string) => {
    const caller = iam.callerOf(request.headers);
    iam.authorize(caller, `iam:${action}`, `arn:aws:iam::${caller.accountId}:role/${roleName}`);
    return caller.accountId;
  };
  const existing = (accountId: string, roleName: string): Role => {
    const role = iam.findRole(accountId, roleName);
    if (!role)
      throw new AwsServiceError("NoSuchEntity", `The role with name ${roleName} cannot be found.`, 404);
    return role;
  };

  return queryService(
    "iam",
    { signingName: "iam", version: "2010-05-08", namespace: "https://iam.amazonaws.com/doc/2010-05-08/" },
    {
      CreateRole(params, request) {
        const roleName = requiredParam(params, "RoleName", ROLE_NAME);
        const accountId = accountFor(request, "CreateRole", roleName);
        if (iam.findRole(accountId, roleName))
          throw new AwsServiceError("EntityAlreadyExists", `Role with name ${roleName} already exists.`, 409);
        const role = iam.putRole({
          accountId,
          roleName,
          trustPolicy: requiredParam(params, "AssumeRolePolicyDocument"),
          path: params.get("Path") ?? undefined,
          description: params.get("Description") ?? undefined,
          maxSessionDuration: optionalIntegerParam(params, "MaxSessionDuration", 3600, 43_200),
        });
        return roleXml(role);
      },
      GetRole(params, request) {
        const roleName = requiredParam(params, "RoleName", ROLE_NAME);
        return roleXml(existing(accountFor(request, "GetRole", roleName), roleName));
      },
      UpdateAssumeRolePolicy(params, request) {
        const roleName = requiredParam(params, "RoleName", ROLE_NAME);
        const role = existing(accountFor(request, "UpdateAssumeRolePolicy", roleName), roleName);
        iam.putRole({ ...role, trustPolicy: requiredParam(params, "PolicyDocument") });
        return "";
      },
      DeleteRole(params, request) {
        const roleName = requiredParam(params, "RoleName", ROLE_NAME);
        iam.deleteRole(existing(accountFor(request, "DeleteRole", roleName), roleName));
        return "";
      },
    },
  );
}

function roleXml(role: Role): string {
  return (
    `<Role><Path>${xml(role.path)}</Path><RoleName>${xml(role.roleName)}</RoleName><RoleId>${role.roleId}</RoleId>` +
    `<Arn>${xml(role.arn)}</Arn><CreateDate>${isoSeconds(role.createDate)}</CreateDate>` +
    `<AssumeRolePolicyDocument>${xml(encodeURIComponent(role.trust.document))}</AssumeRolePolicyDocument>` +
    (role.description === undefined ? "" : `<Description>${xml(role.description)}</Description>`) +
    `<MaxSessionDuration>${role.maxSessionDuration}</MaxSessionDuration></Role>`
  );
}
