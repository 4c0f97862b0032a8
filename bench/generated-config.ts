// A large organization for the benchmark: 100 OUs (20 under the root, 4 under each of those)
// and 1,000 accounts spread over them, every tenth one imported.
import type { OrganizationConfigInput } from "../config/schema.js";

export function generatedConfig(accountCount = 1000, topLevelOus = 20, childrenPerOu = 4): OrganizationConfigInput {
  const organizationalUnits: { name: string; parent?: string }[] = Array.from({ length: topLevelOus }, (_, i) => `Division-${i + 1}`).flatMap((parent) => [
    { name: parent },
    ...Array.from({ length: childrenPerOu }, (_, j) => ({ name: `Team-${j + 1}`, parent })),
  ]);
  const paths = organizationalUnits.map((ou) => (ou.parent ? `${ou.parent}/${ou.name}` : ou.name));
  const accounts = Array.from({ length: accountCount }, (_, i) => {
    const name = `account-${String(i + 1).padStart(4, "0")}`;
    return {
      name,
      organizationalUnit: paths[i % paths.length],
      ...(i % 10 === 9 ? { id: String(100000000000 + i) } : { iamUserAccessToBilling: "DENY" as const }),
    };
  });
  return {
    organization: { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] },
    emailConvention: "aws-{name}@example.com",
    organizationalUnits,
    accounts,
  };
}
