/**
 * The key two spellings of one species name share: case, accents, apostrophes, hyphens,
 * underscores and spacing do not count ("yellow-rumped warbler", "Yellow Rumped Warbler",
 * "yellow_rumped_warbler" and "YELLOW-RUMPED WARBLER" are one species).
 *
 * @example
 * speciesKey("Cooper’s Hawk") // 'coopershawk'
 */
export function speciesKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A species name as people write it in a folder name or a keyword, tidied for display:
 * underscores become spaces, runs of spaces collapse, and a name given all in lower or upper
 * case gets the capitals field guides use ("yellow-rumped warbler" → "Yellow-rumped Warbler").
 */
export function tidySpeciesName(name: string): string {
  const spaced = name.replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();
  if (spaced !== spaced.toLowerCase() && spaced !== spaced.toUpperCase()) return spaced;
  return spaced
    .toLowerCase()
    .split(' ')
    .map((word) => (word ? word[0]!.toUpperCase() + word.slice(1) : word))
    .join(' ');
}
