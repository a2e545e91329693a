import { generateDeploymentSecrets } from "@answerbase/backend/deployment-secrets";

/**
 * `pnpm --silent deploy:secrets > file`: fresh deployment secrets (Convex Auth's signing key and JWKS,
 * the data source encryption key) as a .env file for `npx convex env set --from-file file`. Values are
 * single-quoted: the JWKS holds double quotes and the key spaces, which dotenv keeps as they are.
 */
const secrets = await generateDeploymentSecrets();
process.stdout.write(
  `${Object.entries(secrets)
    .map(([name, value]) => `${name}='${value}'`)
    .join("\n")}\n`,
);
