/** `--name value` and `--flag` pairs into an object; anything else is returned as positional. */
export function parseArgs(argv, { flags = [] } = {}) {
  const options = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s);
    if (flags.includes(name)) options[name] = true;
    else if (inline !== undefined) options[name] = inline;
    else if (i + 1 < argv.length) options[name] = argv[++i];
    else throw new Error(`--${name} needs a value`);
  }
  return { options, positional };
}
