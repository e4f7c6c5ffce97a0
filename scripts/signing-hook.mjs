// electron-builder `afterAllArtifactBuild` hook (electron-builder.yml): says which artifacts
// are unsigned, on the console and in a `<artifact>.UNSIGNED.txt` beside each one, so an
// unsigned installer is never mistaken for a release.
//
// Code signing itself is electron-builder's, from environment variables (never from files in
// the repo): Windows NSIS x64 is signed when CSC_LINK (or WIN_CSC_LINK) names the .pfx/.p12
// certificate (path, https URL or base64) and CSC_KEY_PASSWORD (WIN_CSC_KEY_PASSWORD) unlocks
// it. Linux AppImage and .deb carry no code signature; publish their SHA-256 with the release.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Whether electron-builder had a certificate for this artifact's platform. */
export function isSigned(artifact, env = process.env) {
  if (/\.(exe|msi|appx)$/i.test(artifact)) return !!(env.WIN_CSC_LINK || env.CSC_LINK);
  if (/\.(dmg|pkg|zip)$/i.test(artifact)) return !!(env.CSC_LINK || env.CSC_NAME);
  // AppImage, deb, rpm, blockmaps, yml: no code signature in electron-builder.
  return false;
}

const PACKAGES = /\.(exe|msi|appx|dmg|pkg|AppImage|deb|rpm)$/i;

export async function afterAllArtifactBuild(result, env = process.env) {
  const notes = [];
  for (const artifact of result.artifactPaths) {
    if (!PACKAGES.test(artifact) || isSigned(artifact, env)) continue;
    const note = `${artifact}.UNSIGNED.txt`;
    const windows = /\.(exe|msi|appx)$/i.test(artifact);
    writeFileSync(
      note,
      [
        `${path.basename(artifact)}: TIDAK DITANDATANGANI / UNSIGNED BUILD`,
        windows
          ? 'No code-signing certificate was given (CSC_LINK / WIN_CSC_LINK and CSC_KEY_PASSWORD). Windows SmartScreen will warn; do not distribute to stations.'
          : 'Linux packages carry no code signature; verify the SHA-256 published with the release before installing.',
        '',
      ].join('\n'),
    );
    console.warn(`signing: UNSIGNED ${path.basename(artifact)} (see ${path.basename(note)})`);
    notes.push(note);
  }
  return notes;
}
