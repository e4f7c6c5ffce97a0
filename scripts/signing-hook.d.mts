export function isSigned(artifact: string, env?: Record<string, string | undefined>): boolean;
export function afterAllArtifactBuild(
  result: { artifactPaths: string[] },
  env?: Record<string, string | undefined>,
): Promise<string[]>;
