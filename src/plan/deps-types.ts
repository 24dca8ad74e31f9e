/** The native Dockerfile that `winfile convert --deps` writes next to the converted build. */
export const DEPS_FILE = 'Dockerfile.deps';

/** The build argument naming the dependency image's repository in the converted build. */
export const DEPS_ARG = 'DEPS_IMAGE';

/** The repository the dependency image is pushed to unless DEPS_IMAGE says otherwise. */
export const DEFAULT_DEPS_IMAGE = 'registry.example.com/team/app-deps';

/**
 * The steps of a Windows Dockerfile that only Windows can run, moved to a dependency image that is
 * built natively on Windows (once per Windows version), and how the converted build uses it.
 */
export interface DependencyImage {
  /**
   * `base`: the converted build starts FROM the dependency image (the steps change the registry,
   * services, features or users, or run installers); `copy`: it keeps the original base and
   * copies the install locations (or the files of moved stages) from it.
   */
  use: 'base' | 'copy';
  /** Why `base` was chosen (one entry per step that needs it), or what `copy` copies. */
  reasons: string[];
  /** The build argument naming the repository (DEPS_IMAGE). */
  arg: string;
  /** Its default value. */
  image: string;
  /** The reference the converted build uses: `${DEPS_IMAGE}:${WINDOWS_VERSION}`. */
  ref: string;
  /** The build argument that selects the Windows version (tag of the dependency image), if any. */
  versionArg?: string;
  /** The converted build's stage that names the dependency image, when files are copied from it. */
  stage?: string;
  /** The original base image (with `${WINDOWS_VERSION}` where it has per-version tags). */
  base: string;
  /** Global ARGs Dockerfile.deps declares (the original's, without DEPS_IMAGE). */
  globalArgs: { name: string; default?: string }[];
  /** Windows stages Dockerfile.deps builds before its final stage, as text (FROM line first). */
  stages: { name: string; lines: string[] }[];
  /**
   * The final stage's instructions after its FROM: text as written (comments included), or a copy
   * of a moved stage's files (Windows paths with forward slashes).
   */
  lines: (string | { from: string; source: string; dest: string })[];
  /** Original lines of the RUN instructions moved whole, and names of the stages moved whole. */
  movedRuns: number[];
  movedStages: string[];
  /** Windows paths the converted build copies from the dependency image. */
  copies: string[];
  /** Sentences for reports: what moved, how it is used, how to build, tag and rebuild it. */
  summary: string[];
}
