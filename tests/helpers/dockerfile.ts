/** A Dockerfile read just enough for tests: its stages, their instructions (continuations joined) and what they COPY from the build context. */
export interface DockerStage {
  name: string;
  instructions: string[];
  /** Sources of COPY instructions without --from (paths in the build context). */
  copies: string[];
}

export function dockerfileStages(text: string): DockerStage[] {
  const instructions = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: DockerStage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) {
      stages.push({ name: from[1] ?? String(stages.length), instructions: [], copies: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue;
    stage.instructions.push(line);
    if (/^COPY\s/.test(line) && !line.includes('--from=')) {
      const parts = line.split(/\s+/).slice(1).filter((part) => !part.startsWith('--'));
      stage.copies.push(...parts.slice(0, -1));
    }
  }
  return stages;
}

/**
 * Whether `.dockerignore` (its text) leaves a path (relative, with /) out of the build context:
 * `**` any directories, `*` any name part, a trailing `/` a directory and all inside it, `!` takes back.
 */
export function dockerIgnore(text: string): (relativePath: string) => boolean {
  const rules = text.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).map((line) => {
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/\/$/, '');
    const source = pattern
      .split('/')
      .map((part) => (part === '**' ? '(?:.*/)?' : `${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`))
      .join('')
      .replace(/\/$/, '');
    return { negated, regex: new RegExp(`^${source}(?:/.*)?$`) };
  });
  return (relativePath) => {
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(relativePath)) ignored = !rule.negated;
    return ignored;
  };
}
